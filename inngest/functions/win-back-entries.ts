import "server-only";
import { clientTierChanged } from "@/inngest/events";
import type { WinBackEntry } from "@/lib/server/data/outreach-entries";

/** At most this many entries per full run or night; the next one takes the rest. */
export const ENTRY_LIMIT = 10_000;

/** Tier-changed events for entries into win-back, with ids fixed per entry, so a retried step or a second sweep sends each once. */
export function winBackEntryEvents(entries: readonly WinBackEntry[]) {
  return entries.map((e) => clientTierChanged.create({ clientId: e.clientId, fromTier: e.fromTier, toTier: e.toTier, score: e.score, enteredAt: e.enteredAt }, { id: `entry:${e.clientId}:${e.enteredAt}` }));
}
