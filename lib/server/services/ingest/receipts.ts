import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/lib/server/db/client";
import { webhookReceipts } from "@/lib/server/db/schema";

export type DeliveryMeta = { sender: string; apiKeyId: string | null; endpoint: string; eventId: string | null; bodySha256: string | null };

/**
 * Serialises deliveries of the same event: a transaction-scoped advisory lock on (sender, event id).
 * A concurrent copy waits here until the first commits, and then finds its receipt.
 */
export function lockEventStatement(sender: string, eventId: string) {
  return sql`select pg_advisory_xact_lock(hashtextextended(${sender} || '/' || ${eventId}, 0))`;
}

/** True when no processed receipt holds the event yet: the condition every write of the delivery carries. */
export function eventUnprocessed(sender: string, eventId: string) {
  return sql`not exists (select 1 from webhook_receipts where sender = ${sender} and event_id = ${eventId} and replayable)`;
}

export type ProcessedReceipt = { body_sha256: string | null; http_status: number; response: Record<string, unknown> | null };

export function processedReceiptStatement(sender: string, eventId: string) {
  return sql`select body_sha256, http_status, response from webhook_receipts where sender = ${sender} and event_id = ${eventId} and replayable limit 1`;
}

/** Records a processed delivery with its answer; it then holds the event id for repeats. */
export async function recordProcessedReceipt(
  tx: Executor,
  id: string,
  meta: DeliveryMeta & { eventId: string },
  result: { outcome: "accepted" | "partial"; received: number; counts: { created: number; updated: number; unchanged: number; rejected: number }; response: Record<string, unknown> },
) {
  await tx.insert(webhookReceipts).values({
    id,
    sender: meta.sender,
    apiKeyId: meta.apiKeyId,
    endpoint: meta.endpoint,
    eventId: meta.eventId,
    replayable: true,
    bodySha256: meta.bodySha256,
    outcome: result.outcome,
    httpStatus: 200,
    received: result.received,
    ...result.counts,
    response: result.response,
    finishedAt: new Date(),
  });
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
