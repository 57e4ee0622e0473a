import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { assessEngagement, type BacktestClient, type BacktestMetrics, type BgNbdParams, type ClientHistory, evaluateBacktest, bgNbdKeyOf, DistinctBgNbdInputs } from "@/lib/domain/engagement";
import { DAY_MS } from "@/lib/domain/engagement/history";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import type { Executor } from "@/lib/server/db/client";
import { aggregateHistories } from "@/lib/server/engagement/client-histories";
import { chunkRanges, type ClientSelection, selectionWhere } from "@/lib/server/engagement/client-selection";
import { DEFAULT_CHUNK_SIZE } from "@/lib/server/engagement/chunk-work";
import { fitHistories } from "@/lib/server/engagement/model-fit";
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
    cutoff: z.coerce.date({ error: "Enter a cutoff date" }),
    horizonDays: z.coerce.number({ error: "Enter a number of days" }).int("Enter a whole number of days").min(7, "At least 7 days").max(365, "At most 365 days"),
  })
  .refine((v) => v.cutoff.getTime() + v.horizonDays * DAY_MS <= Date.now(), {
    path: ["horizonDays"],
    message: "The cutoff plus the horizon must be in the past, so what happened is known",
  });

export type BacktestReport = {
  cutoff: Date;
  horizonDays: number;
  model: { params: BgNbdParams; customers: number } | null;
  metrics: BacktestMetrics;
};

/**
 * Scores every client who had ordered by the cutoff as if it were the cutoff: the model is fitted and the score
 * computed from earlier orders only, with today's settings. Then compares with what each did in the horizon after.
 * Nothing is stored. All clients count: only roles that see every client may view analytics.
 */
export async function runBacktest(ctx: ServiceContext, input: unknown): Promise<BacktestReport> {
  authorize(ctx.actor, "analytics.view");
  const { cutoff, horizonDays } = parseInput(backtestInputSchema, input);
  const horizonEnd = new Date(cutoff.getTime() + horizonDays * DAY_MS);
  return ctx.db.transaction(async (tx) => {
    // As in a full run: walk orders_client_ordered_idx range by range rather than scan all orders per chunk.
    await tx.execute(sql`set local random_page_cost = 1.1`);
    const settings = await readSettings(tx, "engagement");
    // One pass over orders: histories and outcomes chunk by chunk, then the fit on those same histories.
    const seen: { history: ClientHistory; orderedAgain: boolean }[] = [];
    const nextRange = chunkRanges(tx, DEFAULT_CHUNK_SIZE);
    for (let range = await nextRange(); range; range = await nextRange()) {
      const histories = await aggregateHistories(tx, range, cutoff);
      const reordered = await clientsWhoOrdered(tx, range, cutoff, horizonEnd);
      for (const [clientId, history] of histories) seen.push({ history, orderedAgain: reordered.has(clientId) });
    }
    const fitted = fitHistories(new DistinctBgNbdInputs(Float64Array.from(seen, (s) => bgNbdKeyOf(s.history, cutoff))), cutoff);
    const params = fitted?.fit.params ?? null;
    const forecastMemo = new Map();
    const clients: BacktestClient[] = seen.map(({ history, orderedAgain }) => {
      const { tier, pAlive } = assessEngagement({ history, asOf: cutoff, settings, params, explain: false, forecastMemo });
      return { tier, pAlive, orderedAgain };
    });
    return { cutoff, horizonDays, model: fitted && params ? { params, customers: fitted.customers } : null, metrics: evaluateBacktest(clients) };
  });
}

async function clientsWhoOrdered(db: Executor, range: ClientSelection, from: Date, to: Date): Promise<Set<string>> {
  const rows = await db.execute<{ client_id: string }>(sql`
    select distinct client_id from orders
    where ${selectionWhere(sql`client_id`, range)} and status <> 'cancelled'
      and ordered_at > ${from.toISOString()}::timestamptz and ordered_at <= ${to.toISOString()}::timestamptz`);
  return new Set(rows.map((r) => r.client_id));
}
