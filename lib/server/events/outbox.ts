import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { AppEvent } from "@/inngest/events";
import { canSend, send } from "./send";
import { db as pool, type Executor, type Transaction } from "@/lib/server/db/client";

/**
 * Writes events into the outbox inside the caller's transaction: they exist exactly when the change that
 * caused them commits. Returns the statement, so a caller running its own prepared statements (the webhook
 * group commit) can send it with the rest.
 */
export function outboxInsertStatement(events: readonly AppEvent[]): SQL {
  return sql`insert into event_outbox (name, data)
    select e.name, e.data from json_to_recordset(${JSON.stringify(events)}::json) as e(name text, data jsonb)
    returning id`;
}

/** Writes events into the outbox of `tx` and answers their ids (for forwarding them once `tx` has committed). */
export async function emitEvents(tx: Executor, events: readonly AppEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const rows = await tx.execute<{ id: string }>(outboxInsertStatement(events));
  return [...rows].map((r) => r.id);
}

const FORWARD_BATCH = 500;

type OutboxRow = { id: string; name: string; data: Record<string, unknown>; ts: number };

/**
 * Sends committed, unforwarded outbox rows to Inngest with the row id as the event id, so a row sent twice
 * (a crash between sending and marking) is one event to Inngest. With `ids`, only those rows (a verb
 * forwarding what it just committed); without, the oldest waiting (the tick and the sweep). Rows another
 * instance is forwarding are skipped. A failed send leaves the rows for the next try and is not thrown:
 * the change itself is committed. A process that cannot send yet (see canSend) leaves them quietly.
 * Answers how many rows were forwarded.
 */
export async function forwardOutbox(options: { ids?: readonly string[]; createdBefore?: Date; limit?: number } = {}): Promise<number> {
  if (options.ids && options.ids.length === 0) return 0;
  if (!(await canSend())) return 0;
  const limit = options.limit ?? FORWARD_BATCH;
  let forwarded = 0;
  for (;;) {
    const count = await pool.transaction(async (tx) => {
      const rows = [
        ...(await tx.execute<OutboxRow>(sql`select id, name, data, floor(extract(epoch from created_at) * 1000)::float8 as ts from event_outbox
          where forwarded_at is null
            ${options.ids ? sql`and id = any(${`{${options.ids.join(",")}}`}::uuid[])` : sql``}
            ${options.createdBefore ? sql`and created_at < ${options.createdBefore.toISOString()}::timestamptz` : sql``}
          order by created_at limit ${limit} for update skip locked`)),
      ];
      if (rows.length === 0) return 0;
      const ids = `{${rows.map((r) => r.id).join(",")}}`;
      try {
        await send(rows.map((r) => ({ id: r.id, name: r.name, data: r.data, ts: r.ts })));
      } catch (error) {
        console.error(`Forwarding ${rows.length} events failed; they stay in the outbox for the next try`, error);
        await tx.execute(sql`update event_outbox set attempts = attempts + 1, last_error = ${String(error).slice(0, 500)} where id = any(${ids}::uuid[])`);
        return -1;
      }
      await tx.execute(sql`update event_outbox set forwarded_at = now(), attempts = attempts + 1, last_error = null where id = any(${ids}::uuid[])`);
      return rows.length;
    });
    if (count <= 0) return forwarded;
    forwarded += count;
    if (options.ids || count < limit) return forwarded;
  }
}

/**
 * Runs `body` in one transaction on `db` with an `emit` that writes events into that transaction's outbox,
 * then forwards them once it has committed. Inside a caller's transaction the rows are not yet visible to the
 * forwarder, which then leaves them to the engine's tick or the nightly sweep: nothing is sent before commit.
 */
export async function withEvents<T>(db: Executor, body: (tx: Transaction, emit: (...events: AppEvent[]) => Promise<void>) => Promise<T>): Promise<T> {
  const ids: string[] = [];
  const result = await db.transaction((tx) =>
    body(tx, async (...events) => {
      ids.push(...(await emitEvents(tx, events)));
    }),
  );
  await forwardOutbox({ ids });
  return result;
}
