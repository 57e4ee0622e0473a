import "server-only";
import { sql } from "drizzle-orm";
import { type ClientHistory, RECENT_ORDER_WINDOW } from "@/lib/domain/engagement";
import { DAY_MS } from "@/lib/domain/engagement/history";
import type { Executor } from "@/lib/server/db/client";
import { type ClientSelection, selectionWhere } from "./client-selection";

type HistoryRow = {
  client_id: string;
  order_count: number;
  order_days: number;
  first_ms: number;
  last_ms: number;
  last_year: number;
  recent_count: number;
  recent_shipped: number;
  recent_kept: number;
  recent_value: number;
};

/**
 * Every selected client's order history up to `asOf`, reduced in one SQL aggregation to what scoring needs
 * (the twin of summariseHistory in lib/domain/engagement/history.ts). Clients without orders are absent.
 *
 * One window pass over orders_client_ordered_idx (client_id, ordered_at desc nulls last) gives each order its
 * recency rank and whether it starts a new UTC day, already in index order, so nothing is sorted.
 */
export async function aggregateHistories(db: Executor, selection: ClientSelection, asOf: Date): Promise<Map<string, ClientHistory>> {
  const asOfText = asOf.toISOString();
  const rows = await db.execute<HistoryRow>(sql`
    select client_id,
      count(*)::int as order_count,
      (count(*) filter (where new_day))::int as order_days,
      extract(epoch from min(ordered_at))::float8 * 1000 as first_ms,
      extract(epoch from max(ordered_at))::float8 * 1000 as last_ms,
      (count(*) filter (where ordered_at > ${asOfText}::timestamptz - interval '8760 hours'))::int as last_year,
      (count(*) filter (where recency_rank <= ${RECENT_ORDER_WINDOW}::int))::int as recent_count,
      coalesce(sum(items_shipped) filter (where recency_rank <= ${RECENT_ORDER_WINDOW}::int), 0)::int as recent_shipped,
      coalesce(sum(items_kept) filter (where recency_rank <= ${RECENT_ORDER_WINDOW}::int), 0)::int as recent_kept,
      coalesce(sum(value_cents) filter (where recency_rank <= ${RECENT_ORDER_WINDOW}::int), 0)::float8 as recent_value
    from (
      select client_id, ordered_at, items_shipped, items_kept, value_cents,
        row_number() over by_recency as recency_rank,
        date_bin('1 day', ordered_at, timestamptz 'epoch')
          is distinct from date_bin('1 day', lag(ordered_at) over by_recency, timestamptz 'epoch') as new_day
      from orders
      where ${selectionWhere(sql`client_id`, selection)} and status <> 'cancelled' and ordered_at <= ${asOfText}::timestamptz
      window by_recency as (partition by client_id order by ordered_at desc nulls last)
    ) ranked
    group by client_id`);
  const histories = new Map<string, ClientHistory>();
  for (const row of rows) histories.set(row.client_id, toHistory(row));
  return histories;
}

function toHistory(row: HistoryRow): ClientHistory {
  // Epoch seconds times 1000 can land a hair under the millisecond, which Date would truncate.
  const first = Math.round(row.first_ms);
  const last = Math.round(row.last_ms);
  return {
    orderCount: row.order_count,
    orderDayCount: row.order_days,
    firstOrderAt: new Date(first),
    lastOrderAt: new Date(last),
    ordersLast12Months: row.last_year,
    meanInterOrderGapDays: row.order_days >= 2 ? (last - first) / DAY_MS / (row.order_days - 1) : null,
    recentOrderCount: row.recent_count,
    recentItemsShipped: row.recent_shipped,
    recentItemsKept: row.recent_kept,
    averageKeptValueCents: row.recent_count > 0 ? row.recent_value / row.recent_count : null,
  };
}
