import "server-only";
import { inngest } from "@/inngest/client";
import { clientTierChanged } from "@/inngest/events";
import { type WinBackEntry, winBackEntriesWithoutOutreach } from "@/lib/server/data/outreach-entries";
import { db } from "@/lib/server/db/client";

/** At most this many entries per full run or night; the next one takes the rest. */
export const ENTRY_LIMIT = 10_000;

/** Tier-changed events for entries into win-back, with ids fixed per entry, so a retried step or a second sweep sends each once. */
export function winBackEntryEvents(entries: readonly WinBackEntry[]) {
  return entries.map((e) => clientTierChanged.create({ clientId: e.clientId, fromTier: e.fromTier, toTier: e.toTier, score: e.score, enteredAt: e.enteredAt }, { id: `entry:${e.clientId}:${e.enteredAt}` }));
}

/** Events per send: well inside Inngest's request size limit. */
const SEND_BATCH = 500;

/**
 * Hands entries into win-back without outreach to outreach, in sends of SEND_BATCH; answers how many. Meant to run
 * inside one step, so the step's stored output is a count however many there are, and the fixed event ids make a
 * retried step send each entry once.
 */
export async function handEntriesToOutreach(): Promise<number> {
  const entries = await winBackEntriesWithoutOutreach(db, ENTRY_LIMIT);
  for (let i = 0; i < entries.length; i += SEND_BATCH) await inngest.send(winBackEntryEvents(entries.slice(i, i + SEND_BATCH)));
  return entries.length;
}
