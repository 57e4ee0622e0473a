import "server-only";
import { inngest } from "@/inngest/client";
import { clientTierChanged } from "@/inngest/events";
import { type WinBackEntry, winBackEntriesWithoutOutreach } from "@/lib/server/data/outreach-entries";
import { db } from "@/lib/server/db/client";

/** Entries per step: each step's sends fit one serverless invocation. */
export const ENTRY_PAGE = 10_000;

/** Tier-changed events for entries into win-back, with ids fixed per entry, so a retried step or a second sweep sends each once. */
function winBackEntryEvents(entries: readonly WinBackEntry[]) {
  return entries.map((e) => clientTierChanged.create({ clientId: e.clientId, fromTier: e.fromTier, toTier: e.toTier, score: e.score, enteredAt: e.enteredAt }, { id: `entry:${e.clientId}:${e.enteredAt}` }));
}

/** Events per send: well inside Inngest's request size limit. */
const SEND_BATCH = 500;

/** What one page handed on: how many entries, and the last client id (null when no entries are left after it). */
type HandedPage = { handed: number; last: string | null };

/**
 * Hands one page of entries into win-back without outreach to outreach (the first `pageSize` after client `after`),
 * in sends of SEND_BATCH. Meant to run inside one step: its stored output is a count and an id, and the fixed event
 * ids make a retried step send each entry once.
 */
async function handEntryPageToOutreach(after: string | null, pageSize = ENTRY_PAGE): Promise<HandedPage> {
  const entries = await winBackEntriesWithoutOutreach(db, pageSize, after);
  for (let i = 0; i < entries.length; i += SEND_BATCH) await inngest.send(winBackEntryEvents(entries.slice(i, i + SEND_BATCH)));
  return { handed: entries.length, last: entries.length === pageSize ? (entries.at(-1)?.clientId ?? null) : null };
}

type PageStep = (id: string, work: () => Promise<HandedPage>) => Promise<HandedPage>;

/**
 * Hands every entry into win-back without outreach to outreach, a page per step, walking the client ids; answers
 * how many. Every page, not only the first: clients outreach turns away (no consent, emailed too recently) keep
 * their entry without outreach, and would otherwise fill the first page every night, so that clients after them
 * were never reached.
 */
export async function handEntriesToOutreach(step: PageStep, pageSize = ENTRY_PAGE): Promise<number> {
  let handed = 0;
  for (let page = 0, after: string | null = null; ; page++) {
    const result: HandedPage = await step(`hand-entries-to-outreach-${page}`, () => handEntryPageToOutreach(after, pageSize));
    handed += result.handed;
    if (result.last === null) return handed;
    after = result.last;
  }
}
