import "server-only";
import type { SystemActor } from "@/lib/domain/access/policy";
import { db as pool, type Executor } from "@/lib/server/db/client";
import { rescoreClient } from "@/lib/server/services/engagement/rescore-client";
import { MAX_CLIENTS_PER_RESCORE, rescoreClients } from "@/lib/server/services/engagement/rescore-clients";

const RESCORING: SystemActor = { type: "system", name: "rescoring" };

/**
 * Clients' orders changed and the change is committed: bring their engagement scores up to date. One id (an
 * order saved in the app) or many (an import or webhook batch, rescored set-based).
 * Every caller goes through here, so the work can move onto a queued event later without touching them.
 * `db` is the caller's executor, so a caller inside its own transaction is not left waiting on its own row lock.
 * A failure is logged, not thrown: the orders are saved, and the next change or full run rescores the client.
 */
export async function afterClientOrdersChanged(clientIds: string | readonly string[], db: Executor = pool): Promise<void> {
  const ctx = { actor: RESCORING, db };
  try {
    if (typeof clientIds === "string") {
      await rescoreClient({ ctx, input: { clientId: clientIds } });
      return;
    }
    for (let i = 0; i < clientIds.length; i += MAX_CLIENTS_PER_RESCORE) {
      await rescoreClients({ ctx, input: { clientIds: clientIds.slice(i, i + MAX_CLIENTS_PER_RESCORE) } });
    }
  } catch (error) {
    console.error(`Rescoring ${typeof clientIds === "string" ? `client ${clientIds}` : `${clientIds.length} clients`} after an order change failed`, error);
  }
}
