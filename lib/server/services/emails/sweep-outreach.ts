import "server-only";
import { z } from "zod";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { winBackEntriesWithoutOutreach } from "@/lib/server/data/outreach-entries";
import { parseInput } from "@/lib/server/parse-input";
import { type OutreachOutcome, startOutreach } from "./start-outreach";

export const sweepSchema = z.object({ limit: z.number().int().min(1).max(50_000).default(1_000) });

/**
 * Starts outreach, in this call, for every client now at risk or lapsed whose entry into that tier has no assignment
 * yet (see winBackEntriesWithoutOutreach). The background path sends these entries to the outreach function instead.
 */
export async function sweepOutreach({ ctx, input, now = new Date() }: VerbArgs<typeof sweepSchema> & { now?: Date }) {
  authorize(ctx.actor, "emails.write");
  const { limit } = parseInput(sweepSchema, input);
  const entries = await winBackEntriesWithoutOutreach(ctx.db, limit);
  const outcomes: Partial<Record<OutreachOutcome["outcome"], number>> = {};
  for (const entry of entries) {
    const result = await startOutreach({ ctx, input: { clientId: entry.clientId, enteredAt: entry.enteredAt }, now });
    outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
  }
  return { candidates: entries.length, outcomes };
}
