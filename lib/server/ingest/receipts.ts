import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/lib/server/db/client";
import { webhookReceipts } from "@/lib/server/db/schema";
import { textArray } from "@/lib/server/db/sql-lists";

export type DeliveryMeta = { sender: string; apiKeyId: string | null; endpoint: string; eventId: string | null; bodySha256: string | null };

type EventRef = { sender: string; eventId: string };

function eventsJson(events: EventRef[]) {
  return JSON.stringify(events.map((e) => ({ sender: e.sender, event_id: e.eventId })));
}

/**
 * Serialises deliveries of the same event: a transaction-scoped advisory lock on each (sender, event id).
 * A concurrent copy waits here until the first commits, and then finds its receipt. The locks are taken
 * in key order, so two groups sharing events queue rather than deadlock.
 */
export function lockEventsStatement(events: EventRef[]) {
  return sql`
    select count(pg_advisory_xact_lock(k)) from (
      select distinct hashtextextended(sender || '/' || event_id, 0) as k
      from jsonb_to_recordset(${eventsJson(events)}::jsonb) as e(sender text, event_id text)
      order by k offset 0
    ) keys
  `;
}

export type ProcessedReceipt = { sender: string; event_id: string; body_sha256: string | null; http_status: number; response: Record<string, unknown> | null };

/**
 * The receipts already holding any of these events: their deliveries were processed. Matches senders and
 * event ids as two lists, which keeps Postgres on the receipts' unique index; the caller pairs them up.
 */
export function processedReceiptsStatement(events: EventRef[]) {
  const senders = [...new Set(events.map((e) => e.sender))];
  const eventIds = [...new Set(events.map((e) => e.eventId))];
  return sql`
    select sender, event_id, body_sha256, http_status, response from webhook_receipts
    where replayable and sender = any(${textArray(senders)}) and event_id = any(${textArray(eventIds)})
  `;
}

export type ProcessedDelivery = {
  id: string;
  meta: DeliveryMeta & { eventId: string };
  outcome: "accepted" | "partial";
  received: number;
  counts: { created: number; updated: number; unchanged: number; rejected: number };
  response: Record<string, unknown>;
};

/**
 * Records processed deliveries with their answers; each then holds its event id for repeats. One
 * statement whose text does not depend on how many there are, so Postgres plans it once per connection.
 */
export function recordProcessedReceiptsStatement(deliveries: ProcessedDelivery[]) {
  const rows = deliveries.map(({ id, meta, outcome, received, counts, response }) => ({
    id,
    sender: meta.sender,
    api_key_id: meta.apiKeyId,
    endpoint: meta.endpoint,
    event_id: meta.eventId,
    body_sha256: meta.bodySha256,
    outcome,
    received,
    ...counts,
    response,
  }));
  return sql`
    insert into webhook_receipts (id, sender, api_key_id, endpoint, event_id, replayable, body_sha256, outcome, http_status, received, created, updated, unchanged, rejected, response, finished_at)
    select id, sender, api_key_id, endpoint, event_id, true, body_sha256, outcome, 200, received, created, updated, unchanged, rejected, response, now()
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
      id uuid, sender text, api_key_id uuid, endpoint text, event_id text, body_sha256 text, outcome webhook_outcome,
      received int, created int, updated int, unchanged int, rejected int, response jsonb)
  `;
}

/** Records a delivery that stored nothing: refused (bad payload, too large, wrong type) or deliberately ignored. */
export async function recordRefusedDelivery(db: Executor, meta: DeliveryMeta, answer: { status: number; body: Record<string, unknown>; received?: number; outcome?: "rejected" | "ignored" }) {
  await db.insert(webhookReceipts).values({
    sender: meta.sender,
    apiKeyId: meta.apiKeyId,
    endpoint: meta.endpoint,
    eventId: meta.eventId,
    bodySha256: meta.bodySha256,
    replayable: false,
    outcome: answer.outcome ?? "rejected",
    httpStatus: answer.status,
    received: answer.received ?? 0,
    rejected: answer.outcome === "ignored" ? 0 : (answer.received ?? 0),
    response: answer.body,
    finishedAt: new Date(),
  });
}
