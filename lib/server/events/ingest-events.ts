import "server-only";
import { ConflictError } from "@/lib/server/errors";
import { startFullRescore } from "@/lib/server/services/engagement/start-full-rescore";
import { db } from "@/lib/server/db/client";
import { lockClientsByIdStatement } from "@/lib/server/ingest/store-clients";
import { afterClientOrdersChanged } from "./client-changed";
import { afterScoringRunRequested } from "./scoring-run-requested";

/**
 * What happens after ingested data is committed. Every entry point (our webhooks, Shopify, CSV import)
 * calls these with the clients it touched once its transaction has committed: the one place to hang
 * follow-up work, and the place a later issue turns into Inngest events.
 */

/** Beyond this many clients at once (a large import), one full rescoring beats rescoring each. */
export const BULK_RESCORE_THRESHOLD = 2_000;

// Rescoring runs behind the delivery, not inside it: a batch must not wait on a rescoring per client.
// Clients are queued and rescored in rounds, set-based, a round at most every RESCORE_DELAY_MS: during a
// burst of single-order deliveries a client with several orders is rescored once, and a hundred clients
// cost one transaction instead of a hundred. Rounds go fifty clients per transaction so no delivery
// waits long on a client row a rescoring holds. A restart loses the queue, which the next full run makes good.
const RESCORE_DELAY_MS = 1_000;
const RESCORE_BATCH = 50;
const queued = new Set<string>();
let waiting: NodeJS.Timeout | null = null;
let draining: Promise<void> | null = null;

/**
 * Rescores clients in one transaction that first locks them in email order, the order ingestion locks
 * clients in: a rescoring then never holds one client a delivery needs while waiting for another the
 * delivery holds (a deadlock, which Postgres would take a second to find).
 */
async function rescoreBatch(ids: string[]) {
  try {
    await db.transaction(async (tx) => {
      await tx.execute(lockClientsByIdStatement(ids));
      await afterClientOrdersChanged(ids, tx);
    });
  } catch (error) {
    console.error(`Rescoring ${ids.length} clients after an order change failed`, error);
  }
}

async function rescoreQueued() {
  const ids = [...queued];
  queued.clear();
  for (let i = 0; i < ids.length; i += RESCORE_BATCH) await rescoreBatch(ids.slice(i, i + RESCORE_BATCH));
}

function drainNow(): Promise<void> {
  if (waiting) clearTimeout(waiting);
  waiting = null;
  draining ??= rescoreQueued().finally(() => {
    draining = null;
    if (queued.size) scheduleDrain();
  });
  return draining;
}

function scheduleDrain() {
  if (waiting || draining) return;
  waiting = setTimeout(() => void drainNow(), RESCORE_DELAY_MS);
}

async function requestFullRescore() {
  try {
    const run = await startFullRescore({ ctx: { actor: { type: "system", name: "import" }, db }, input: {} });
    afterScoringRunRequested(run.id);
  } catch (error) {
    // A run already under way scores the clients too, or the next one will.
    if (!(error instanceof ConflictError)) console.error("Could not start a rescoring after an import", error);
  }
}

/** Orders were created or updated for these clients (their order summaries are already refreshed). */
export async function onOrdersChanged(clientIds: readonly string[]): Promise<void> {
  if (clientIds.length === 0) return;
  if (clientIds.length > BULK_RESCORE_THRESHOLD) return requestFullRescore();
  for (const id of clientIds) queued.add(id);
  scheduleDrain();
}

/**
 * These clients' profiles were created or changed. Scores follow from orders, so nothing is recomputed; the
 * hook stays so a later issue can turn it into an event without touching its callers.
 */
export async function onClientProfilesUpdated(_clientIds: readonly string[]): Promise<void> {}

/** Runs every queued rescoring now and resolves once they have run (for tests and scripts that need the scores). */
export async function ingestFollowUpsSettled(): Promise<void> {
  while (queued.size || draining) await drainNow();
}
