import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { calendarDay, typedWholeNumber } from "@/lib/domain/validation";
import type { ClientHistory } from "@/lib/domain/engagement";
import { backtestScoring, type ScoringBacktest } from "@/lib/domain/engagement/backtest-scoring";
import { type ModelCheckVerdict, verdictOf } from "@/lib/domain/engagement/model-check";
import { expectedCumulativeRepeatOrders, type TrackingWeek, trackingWeeks } from "@/lib/domain/engagement/tracking";
import { DAY_MS } from "@/lib/domain/engagement/history";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import type { Executor } from "@/lib/server/db/client";
import { aggregateHistories } from "@/lib/server/engagement/client-histories";
import { chunkRanges } from "@/lib/server/engagement/client-selection";
import { DEFAULT_CHUNK_SIZE } from "@/lib/server/engagement/chunk-work";
import { readTrainingSample, trainingWindow } from "@/lib/server/engagement/learn-weights";
import { clientsWhoOrdered } from "@/lib/server/engagement/orders-between";
import { parseInput } from "@/lib/server/parse-input";
import { readSettings } from "@/lib/server/data/settings";

const DEFAULT_HORIZON_DAYS = 60;
const DEFAULT_CUTOFF_DAYS_AGO = 90;

/** The form's starting point: a cutoff 90 days ago with a 60-day horizon, whose outcome is already known. */
export function defaultBacktestInput(now = new Date()) {
  return { cutoff: new Date(now.getTime() - DEFAULT_CUTOFF_DAYS_AGO * DAY_MS).toISOString().slice(0, 10), horizonDays: String(DEFAULT_HORIZON_DAYS) };
}

export const backtestInputSchema = z
  .object({
    cutoff: calendarDay("Enter a cutoff date, like 2026-06-30").transform((day) => new Date(`${day}T00:00:00Z`)),
    horizonDays: typedWholeNumber("Enter a number of days", (n) => n.min(7, "At least 7 days").max(365, "At most 365 days")),
  })
  .refine((v) => v.cutoff.getTime() + v.horizonDays * DAY_MS <= Date.now(), {
    path: ["horizonDays"],
    message: "The cutoff plus the horizon must be in the past, so what happened is known",
  });

export type BacktestReport = {
  cutoff: Date;
  horizonDays: number;
  scoring: ScoringBacktest;
  /** The window before the cutoff the weights and calibration were learned on. */
  trainingDays: number;
  verdict: ModelCheckVerdict | null;
  tracking: TrackingWeek[];
};

const WEEK_DAYS = 7;

/**
 * Scores every client who had ordered by the cutoff as the nightly run would have then: the weights and the P(order)
 * calibration learned on a window before the cutoff (as long as the horizon, at most half the history before it,
 * see trainingWindowDays), the model fitted on orders up to it, today's settings. Then sets the score beside the
 * days-since-last-order rule and the model's P(order) alone against what each client did in the horizon after.
 * Nothing is stored. All clients count: only roles that see every client may view analytics.
 */
export async function runBacktest(ctx: ServiceContext, input: z.input<typeof backtestInputSchema>): Promise<BacktestReport> {
  authorize(ctx.actor, "analytics.view");
  const { cutoff, horizonDays } = parseInput(backtestInputSchema, input);
  const horizonEnd = new Date(cutoff.getTime() + horizonDays * DAY_MS);
  const settings = await readSettings(ctx.db, "engagement");
  const trainingDays = await trainingWindow(ctx.db, horizonDays, cutoff);
  const [check, training] = await Promise.all([
    ctx.db.transaction(async (tx) => {
      // As in a full run: walk orders_client_ordered_idx range by range rather than scan all orders per chunk.
      await tx.execute(sql`set local random_page_cost = 1.1`);
      const histories: ClientHistory[] = [];
      const orderedAgain: boolean[] = [];
      const nextRange = chunkRanges(tx, DEFAULT_CHUNK_SIZE);
      for (let range = await nextRange(); range; range = await nextRange()) {
        const found = await aggregateHistories(tx, range, cutoff);
        const reordered = await clientsWhoOrdered(tx, range, cutoff, horizonEnd);
        for (const [clientId, history] of found) {
          histories.push(history);
          orderedAgain.push(reordered.has(clientId));
        }
      }
      return { asOf: cutoff, histories, orderedAgain };
    }),
    readTrainingSample(ctx.db, cutoff, trainingDays),
  ]);
  const scoring = backtestScoring(check, training, horizonDays, settings);
  const weeks = Math.floor(horizonDays / WEEK_DAYS);
  const tracking = scoring.fit ? trackingWeeks(expectedCumulativeRepeatOrders(scoring.fit, check.histories, cutoff, weeks), await repeatOrdersPerWeek(ctx.db, cutoff, weeks)) : [];
  return { cutoff, horizonDays, scoring, trainingDays, verdict: verdictOf(scoring.report), tracking };
}

/** Repeat order days per week after the cutoff (index 0: the first week) of the clients who had ordered by it, as the model counts them. */
async function repeatOrdersPerWeek(db: Executor, cutoff: Date, weeks: number): Promise<number[]> {
  const from = cutoff.toISOString();
  const to = new Date(cutoff.getTime() + weeks * WEEK_DAYS * DAY_MS).toISOString();
  const rows = await db.execute<{ week: number; orders: number }>(sql`
    select floor(extract(epoch from ordered_at - ${from}::timestamptz) / ${WEEK_DAYS * 86_400})::int as week,
      count(distinct (client_id, date_bin('1 day', ordered_at, timestamptz 'epoch')))::int as orders
    from orders o
    where status <> 'cancelled' and ordered_at > ${from}::timestamptz and ordered_at <= ${to}::timestamptz
      and exists (select 1 from orders p where p.client_id = o.client_id and p.status <> 'cancelled' and p.ordered_at <= ${from}::timestamptz)
    group by 1`);
  const perWeek = new Array<number>(weeks).fill(0);
  for (const row of rows) if (row.week >= 0 && row.week < weeks) perWeek[row.week] = row.orders;
  return perWeek;
}
