import "server-only";
import { ConflictError } from "@/lib/server/errors";
import { startFullRescore } from "@/lib/server/services/engagement/start-full-rescore";
import { db } from "@/lib/server/db/client";
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
// Clients queued twice are rescored once; a restart loses the queue, which the next full run makes good.
const RESCORE_CONCURRENCY = 2;
const queued = new Set<string>();
let draining: Promise<void> | null = null;

async function drain() {
  const worker = async () => {
    for (let next = queued.values().next(); !next.done; next = queued.values().next()) {
      queued.delete(next.value);
      await afterClientOrdersChanged(next.value);
    }
  };
  await Promise.all(Array.from({ length: RESCORE_CONCURRENCY }, worker));
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
  draining ??= drain().finally(() => {
    draining = null;
  });
}

/** These clients' profiles were created or changed. Scores follow from orders, so nothing is recomputed yet. */
export async function onClientProfilesUpdated(clientIds: readonly string[]): Promise<void> {
  if (clientIds.length === 0) return;
}

/** Resolves once every queued rescoring has run (for tests and scripts that need the scores). */
export async function ingestFollowUpsSettled(): Promise<void> {
  while (draining) await draining;
}
