import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { bgNbdKeyOfFigures, type ClientHistory, EMPTY_CLIENT_HISTORY, type HistoryFigures, historyFigures, RECENT_ORDER_WINDOW } from "@/lib/domain/engagement";
import { DAY_MS } from "@/lib/domain/engagement/history";
import type { Executor } from "@/lib/server/db/client";
import { type ClientSelection, selectionWhere } from "./client-selection";

export type HistoryRow = {
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
 * (the twin of summariseHistory in lib/domain/engagement/history.ts), in client id order. Clients without orders
 * are absent.
 *
 * One window pass over orders_client_ordered_idx (client_id, ordered_at desc nulls last) gives each order its
 * recency rank and whether it starts a new UTC day, already in index order, so nothing is sorted.
 */
export async function aggregateHistoryColumns(db: Executor, selection: ClientSelection, asOf: Date): Promise<AggregatedHistories> {
  const rows = await db.execute<HistoryRow>(sql`${historyAggregation(selection, asOf)} order by client_id`);
  return { clientIds: rows.map((row) => row.client_id), histories: HistoryColumns.of(rows) };
}

/** The columns of a history row after client_id, for a query that selects them from historyAggregation. */
export const HISTORY_FIELDS = ["order_count", "order_days", "first_ms", "last_ms", "last_year", "recent_count", "recent_shipped", "recent_kept", "recent_value"] as const;

/** The aggregation behind aggregateHistoryColumns, one row per selected client with orders, to run alone or join. */
export function historyAggregation(selection: ClientSelection, asOf: Date): SQL {
  const asOfText = asOf.toISOString();
  return sql`
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
    group by client_id`;
}

/** Whose history is at each position of the columns (ascending ids), apart from them so a caller can let the strings go. */
type AggregatedHistories = { clientIds: string[]; histories: HistoryColumns };

/** The same histories by client id. */
export async function aggregateHistories(db: Executor, selection: ClientSelection, asOf: Date): Promise<Map<string, ClientHistory>> {
  const { clientIds, histories } = await aggregateHistoryColumns(db, selection, asOf);
  return new Map(clientIds.map((id, i) => [id, histories.historyAt(i)]));
}

/**
 * Aggregated histories as columns of numbers, one entry per client with orders, in the order the rows came. A full
 * rescoring holds a million of them in memory; typed arrays cost the garbage collector nothing, where a million
 * history objects with their dates slow every collection.
 */
export class HistoryColumns {
  private count = 0;
  private orderCount: Int32Array;
  private orderDays: Int32Array;
  private firstMs: Float64Array;
  private lastMs: Float64Array;
  private lastYear: Int32Array;
  private recentCount: Int32Array;
  private recentShipped: Int32Array;
  private recentKept: Int32Array;
  private recentValue: Float64Array;

  /** Empty, with room for `capacity` histories before it grows. */
  constructor(capacity = 1024) {
    const n = Math.max(1, capacity);
    this.orderCount = new Int32Array(n);
    this.orderDays = new Int32Array(n);
    this.firstMs = new Float64Array(n);
    this.lastMs = new Float64Array(n);
    this.lastYear = new Int32Array(n);
    this.recentCount = new Int32Array(n);
    this.recentShipped = new Int32Array(n);
    this.recentKept = new Int32Array(n);
    this.recentValue = new Float64Array(n);
  }

  static of(rows: readonly HistoryRow[]): HistoryColumns {
    const columns = new HistoryColumns(rows.length);
    for (const row of rows) columns.push(row);
    return columns;
  }

  get size(): number {
    return this.count;
  }

  /** Adds a history and returns its position: a run adds rows as they arrive, so none is kept as an object. */
  push(row: HistoryRow): number {
    if (this.count === this.orderCount.length) this.grow();
    const i = this.count++;
    this.orderCount[i] = row.order_count;
    this.orderDays[i] = row.order_days;
    // Epoch seconds times 1000 can land a hair under the millisecond, which Date would truncate.
    this.firstMs[i] = Math.round(row.first_ms);
    this.lastMs[i] = Math.round(row.last_ms);
    this.lastYear[i] = row.last_year;
    this.recentCount[i] = row.recent_count;
    this.recentShipped[i] = row.recent_shipped;
    this.recentKept[i] = row.recent_kept;
    this.recentValue[i] = row.recent_value;
    return i;
  }

  private grow() {
    this.orderCount = doubled(this.orderCount);
    this.orderDays = doubled(this.orderDays);
    this.firstMs = doubled(this.firstMs);
    this.lastMs = doubled(this.lastMs);
    this.lastYear = doubled(this.lastYear);
    this.recentCount = doubled(this.recentCount);
    this.recentShipped = doubled(this.recentShipped);
    this.recentKept = doubled(this.recentKept);
    this.recentValue = doubled(this.recentValue);
  }

  /** The BG/NBD key of the history at `i` as of `asOf` (see bgNbdKeyOf), without making the history. */
  bgNbdKeyAt(i: number, asOf: Date): number {
    return bgNbdKeyOfFigures(this.orderDays[i] ?? 0, this.firstMs[i] ?? 0, this.lastMs[i] ?? 0, asOf.getTime());
  }

  /** The history at `i` as plain numbers, written into `out`: a full run reuses one object for every client. */
  figuresAt(i: number, out: HistoryFigures): HistoryFigures {
    const first = this.firstMs[i] ?? 0;
    const last = this.lastMs[i] ?? 0;
    const orderDays = this.orderDays[i] ?? 0;
    const recentCount = this.recentCount[i] ?? 0;
    out.orderCount = this.orderCount[i] ?? 0;
    out.orderDayCount = orderDays;
    out.firstOrderMs = first;
    out.lastOrderMs = last;
    out.ordersLast12Months = this.lastYear[i] ?? 0;
    out.meanInterOrderGapDays = orderDays >= 2 ? (last - first) / DAY_MS / (orderDays - 1) : Number.NaN;
    out.recentItemsShipped = this.recentShipped[i] ?? 0;
    out.recentItemsKept = this.recentKept[i] ?? 0;
    out.averageKeptValueCents = recentCount > 0 ? (this.recentValue[i] ?? 0) / recentCount : Number.NaN;
    return out;
  }

  historyAt(i: number): ClientHistory {
    const figures = this.figuresAt(i, historyFigures(EMPTY_CLIENT_HISTORY));
    const orNull = (value: number) => (Number.isNaN(value) ? null : value);
    return {
      orderCount: figures.orderCount,
      orderDayCount: figures.orderDayCount,
      firstOrderAt: new Date(figures.firstOrderMs),
      lastOrderAt: new Date(figures.lastOrderMs),
      ordersLast12Months: figures.ordersLast12Months,
      meanInterOrderGapDays: orNull(figures.meanInterOrderGapDays),
      recentOrderCount: this.recentCount[i] ?? 0,
      recentItemsShipped: figures.recentItemsShipped,
      recentItemsKept: figures.recentItemsKept,
      averageKeptValueCents: orNull(figures.averageKeptValueCents),
    };
  }
}

/** A typed array of twice the length holding `values` at its start. */
function doubled<T extends Int32Array | Float64Array | Uint8Array>(values: T): T {
  const bigger = new (values.constructor as new (length: number) => T)(values.length * 2);
  bigger.set(values);
  return bigger;
}
