import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/lib/server/db/client";

/**
 * Reserves the next moment `count` emails may go to Resend at `ratePerSecond`, shared by every run and instance (one
 * row, updated atomically): a batch of N takes N slots, so the next reservation starts N gaps later. Answers that
 * moment: now when the pace allows, else a little later; the caller waits until it.
 */
export async function reserveSendSlot(db: Executor, ratePerSecond: number, count = 1): Promise<Date> {
  const spanSeconds = Math.max(1, Math.round(1000 / ratePerSecond)) * Math.max(1, count) / 1000;
  const [row] = await db.execute<{ slot_ms: number }>(sql`
    insert into email_send_pacer (id, next_at) values (1, clock_timestamp() + make_interval(secs => ${spanSeconds}))
    on conflict (id) do update set next_at = greatest(email_send_pacer.next_at, clock_timestamp()) + make_interval(secs => ${spanSeconds})
    returning extract(epoch from next_at - make_interval(secs => ${spanSeconds}))::float8 * 1000 as slot_ms`);
  if (!row) throw new Error("the send pacer returned no slot");
  return new Date(Math.round(Number(row.slot_ms)));
}
