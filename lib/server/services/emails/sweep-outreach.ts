import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { parseInput } from "@/lib/server/parse-input";
import { type OutreachOutcome, startOutreach } from "./start-outreach";

export const sweepSchema = z.object({ limit: z.number().int().min(1).max(50_000).default(1_000) });

/**
 * Starts outreach for every client now at risk or lapsed whose entry into that tier has no assignment yet. The entry
 * is the latest tier change into win-back, or — for a client whose first score was already at risk or lapsed, which
 * records no tier change — their score's date. A catch-up for missed events and the path after a bulk import.
 */
export async function sweepOutreach({ ctx, input, now = new Date() }: VerbArgs<typeof sweepSchema> & { now?: Date }) {
  authorize(ctx.actor, "emails.write");
  const { limit } = parseInput(sweepSchema, input);
  const candidates = await ctx.db.execute<{ client_id: string; entered_at: string }>(sql`
    select s.client_id, coalesce(entry.changed_at, s.scored_at) as entered_at
    from client_scores s
    left join lateral (
      select max(t.changed_at) as changed_at from tier_changes t
      where t.client_id = s.client_id and t.to_tier in ('at_risk', 'lapsed') and (t.from_tier is null or t.from_tier not in ('at_risk', 'lapsed'))
    ) entry on true
    where s.tier in ('at_risk', 'lapsed') and s.scored_at is not null
      and not exists (
        select 1 from outreach_assignments a
        where a.client_id = s.client_id and (entry.changed_at is null or a.entered_at >= entry.changed_at)
      )
    order by s.client_id
    limit ${limit}`);
  const outcomes: Partial<Record<OutreachOutcome["outcome"], number>> = {};
  for (const row of candidates) {
    const result = await startOutreach({ ctx, input: { clientId: row.client_id, enteredAt: row.entered_at }, now });
    outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
  }
  return { candidates: candidates.length, outcomes };
}
