import "server-only";
import { randomUUID } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { deliveryResponse } from "@/lib/domain/ingest/delivery-response";
import type { ValidItem } from "@/lib/domain/ingest/envelope";
import type { IngestClientProfile, IngestOrder, ItemOutcome } from "@/lib/domain/ingest/ingest-types";
import type { IngestIssue } from "@/lib/domain/ingest/issues";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import type { Executor } from "@/lib/server/db/client";
import { onClientProfilesUpdated, onOrdersChanged } from "@/lib/server/events/ingest-events";
import { type DeliveryMeta, eventUnprocessed, lockEventStatement, type ProcessedReceipt, processedReceiptStatement, recordProcessedReceipt } from "./receipts";
import { withIngestRetry } from "./retry";
import { storeClientProfiles } from "./store-client-profiles";
import { storeOrders } from "./store-orders";

export type Delivery<T> = { meta: DeliveryMeta & { eventId: string }; received: number; valid: ValidItem<T>[]; issues: IngestIssue[] };
export type DeliveryAnswer = { status: number; body: Record<string, unknown>; replayed: boolean };

/** Stores the items; given `onlyIf`, it must make every write conditional on it (see storeOrders). */
type Store<T> = (tx: Executor, items: T[], onlyIf?: SQL) => Promise<{ outcomes: ItemOutcome[]; changedClientIds: string[] }>;

export const REUSED_EVENT_ID = "This event_id was already used for a different body. Retries must send the same bytes; new data needs a new event_id.";

/**
 * Processes one delivery exactly once per (sender, event id): the receipt, the data and the audit row
 * commit together, so a crash leaves nothing half-written and the sender can simply retry. A repeat
 * (or a concurrent duplicate, which waits on the event's lock) gets the first answer and changes nothing.
 */
async function deliver<T>(ctx: ServiceContext, delivery: Delivery<T>, spec: { idOf: (item: T) => string; store: Store<T>; auditAction: string; pipelined: boolean }) {
  const { meta } = delivery;
  const receiptId = randomUUID();
  const items = delivery.valid.map((v) => v.value);
  const outcome = await withIngestRetry(() =>
    ctx.db.transaction(async (tx) => {
      // Pipelined, the lock, the check and the writes travel in one round trip; the writes carry the check.
      const [, processed, pipelinedStore] = await Promise.all([
        tx.execute(lockEventStatement(meta.sender, meta.eventId)),
        tx.execute<ProcessedReceipt>(processedReceiptStatement(meta.sender, meta.eventId)),
        spec.pipelined ? spec.store(tx, items, eventUnprocessed(meta.sender, meta.eventId)) : null,
      ]);
      const original = processed[0];
      if (original) return { kind: "repeat" as const, original };
      const stored = pipelinedStore ?? (await spec.store(tx, items));
      const response = deliveryResponse({
        eventId: meta.eventId,
        received: delivery.received,
        stored: delivery.valid.map((v, i) => ({ index: v.index, id: spec.idOf(v.value), outcome: stored.outcomes[i] ?? "unchanged" })),
        issues: delivery.issues,
      });
      const { created, updated, unchanged, rejected } = response;
      await Promise.all([
        recordProcessedReceipt(tx, receiptId, meta, { outcome: response.status, received: delivery.received, counts: { created, updated, unchanged, rejected }, response }),
        writeAudit(tx, ctx.actor, { action: spec.auditAction, entityType: "webhook_receipt", entityId: receiptId, after: { endpoint: meta.endpoint, eventId: meta.eventId, created, updated, unchanged, rejected } }),
      ]);
      return { kind: "processed" as const, response, changedClientIds: stored.changedClientIds };
    }),
  );
  if (outcome.kind === "repeat") return { answer: replay(meta, outcome.original), changedClientIds: [] };
  return { answer: { status: 200, body: outcome.response, replayed: false } as DeliveryAnswer, changedClientIds: outcome.changedClientIds };
}

function replay(meta: DeliveryMeta & { eventId: string }, original: ProcessedReceipt): DeliveryAnswer {
  if (original.body_sha256 && meta.bodySha256 && original.body_sha256 !== meta.bodySha256) {
    return { status: 409, body: { event_id: meta.eventId, errors: [{ path: "event_id", message: REUSED_EVENT_ID }] }, replayed: true };
  }
  return { status: original.http_status, body: original.response ?? {}, replayed: true };
}

/** Orders from a sender, keyed by (source, external id); unknown client emails become minimal clients. */
export async function deliverOrders({ ctx, input }: { ctx: ServiceContext; input: Delivery<IngestOrder> & { source: string } }): Promise<DeliveryAnswer> {
  authorize(ctx.actor, "orders.write");
  const { answer, changedClientIds } = await deliver(ctx, input, {
    idOf: (o) => o.externalId,
    store: (tx, orders, onlyIf) => storeOrders(tx, input.source, orders, { onlyIf }),
    auditAction: "orders.ingest",
    pipelined: true,
  });
  await onOrdersChanged(changedClientIds);
  return answer;
}

/** Client profile upserts, keyed by email. */
export async function deliverClientProfiles({ ctx, input }: { ctx: ServiceContext; input: Delivery<IngestClientProfile> }): Promise<DeliveryAnswer> {
  authorize(ctx.actor, "clients.update");
  const { answer, changedClientIds } = await deliver(ctx, input, { idOf: (p) => p.email, store: (tx, profiles) => storeClientProfiles(tx, profiles), auditAction: "clients.ingest", pipelined: false });
  await onClientProfilesUpdated(changedClientIds);
  return answer;
}
