import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/domain/access/policy";
import { type DeliveryResponse, deliveryResponse } from "@/lib/domain/ingest/delivery-response";
import { type DeliveryAnswer, type DeliveryPlan, eventKey, type OriginalAnswer, planDeliveries, replayAnswer } from "@/lib/domain/ingest/delivery-replay";
import type { ValidItem } from "@/lib/domain/ingest/envelope";
import type { ItemOutcome } from "@/lib/domain/ingest/ingest-types";
import type { IngestIssue } from "@/lib/domain/ingest/issues";
import { auditRowsStatement } from "@/lib/server/audit";
import type { Executor } from "@/lib/server/db/client";
import { outboxInsertStatement } from "@/lib/server/events/outbox";
import type { AppEvent } from "@/inngest/events";
import { type DeliveryMeta, lockEventsStatement, type ProcessedDelivery, type ProcessedReceipt, processedReceiptsStatement, recordProcessedReceiptsStatement } from "./receipts";
import { type RunSql, transaction } from "@/lib/server/db/run-sql";

export type Delivery<T> = { meta: DeliveryMeta & { eventId: string }; received: number; valid: ValidItem<T>[]; issues: IngestIssue[] };

/** A delivery waiting to be committed, with who sent it (for the audit row). */
export type DeliveryJob<D> = { actor: Actor; delivery: D };

/** An audit row a store adds for one delivery (a client's consent changed); its actor is the delivery's sender. */
export type StoreAudit = { action: string; entityType: string; entityId: string; before?: unknown; after?: unknown };

/**
 * What storing the fresh deliveries will do: each item's outcome, by delivery, the writes still to issue (they
 * return the clients whose data changed), and any audit rows of the store's own, by delivery.
 */
export type StorePlan = { outcomes: ItemOutcome[][]; write: (run: RunSql) => Promise<string[]>; audits?: StoreAudit[][] };

export type CommitSpec<T, D extends Delivery<T>, P> = {
  /** Reads and locks what storing the deliveries needs, without writing: it runs before it is known which of them are repeats. */
  prepare: (run: RunSql, deliveries: D[]) => Promise<P>;
  /** Decides what becomes of the items of the fresh deliveries, as if they came one after another. */
  plan: (run: RunSql, fresh: D[], prepared: P) => Promise<StorePlan>;
  idOf: (item: T) => string;
  auditAction: string;
  /** The follow-up events for the clients whose data changed, written to the outbox in the same transaction. */
  events: (changedClientIds: string[]) => AppEvent[];
};

type CommittedDeliveries = { answers: DeliveryAnswer[]; changedClientIds: string[]; eventIds: string[] };

function responseOf<T>(delivery: Delivery<T>, outcomes: ItemOutcome[], idOf: (item: T) => string): DeliveryResponse {
  return deliveryResponse({
    eventId: delivery.meta.eventId,
    received: delivery.received,
    stored: delivery.valid.map((v, i) => ({ index: v.index, id: idOf(v.value), outcome: outcomes[i] ?? "unchanged" })),
    issues: delivery.issues,
  });
}

/** Each job's answer: its own for a fresh delivery, the first one's (replayed, or 409 for another body) for a copy or a repeat. */
function answerEach<D extends Delivery<unknown>>(jobs: DeliveryJob<D>[], plans: DeliveryPlan[], responses: (DeliveryResponse | undefined)[]): DeliveryAnswer[] {
  return jobs.map(({ delivery }, position) => {
    const plan = plans[position] ?? { kind: "fresh" };
    if (plan.kind === "repeat") return replayAnswer(delivery.meta, plan.original);
    const firstAt = plan.kind === "copy" ? plan.of : position;
    const response = responses[firstAt];
    if (!response) throw new Error(`No answer for delivery ${delivery.meta.eventId}`);
    if (plan.kind === "fresh") return { status: 200, body: response, replayed: false };
    return replayAnswer(delivery.meta, { bodySha256: jobs[firstAt]?.delivery.meta.bodySha256 ?? null, status: 200, body: response });
  });
}

/**
 * Commits a group of deliveries in one transaction, each exactly once per (sender, event id): the
 * data, the receipts, the audit rows and the follow-up events commit together, so a crash leaves nothing half-written and
 * every sender can simply retry. A delivery whose event a receipt already holds, or that repeats an
 * earlier one of the group, stores nothing and gets the first answer. Concurrent copies in other
 * transactions wait on the event's lock, then find the receipt. Returns one answer per job, in order.
 *
 * Two round trips between BEGIN and COMMIT: the event locks, the receipt check and the store's reads
 * go together; then the store's writes, the receipts and the audit rows.
 */
export async function commitDeliveries<T, D extends Delivery<T>, P>(db: Executor, jobs: DeliveryJob<D>[], spec: CommitSpec<T, D, P>): Promise<CommittedDeliveries> {
  const events = jobs.map((j) => j.delivery.meta);
  return transaction(db, async (run) => {
    // Issued in this order, so the event locks are held before anything else is read.
    const [, receipts, prepared] = await Promise.all([
      run(lockEventsStatement(events)),
      run<ProcessedReceipt>(processedReceiptsStatement(events)),
      spec.prepare(
        run,
        jobs.map((j) => j.delivery),
      ),
    ]);
    const originals = new Map<string, OriginalAnswer>(receipts.map((r) => [eventKey(r.sender, r.event_id), { bodySha256: r.body_sha256, status: r.http_status, body: r.response ?? {} }]));
    const plans = planDeliveries(events, originals);
    const fresh = jobs.flatMap((job, position) => (plans[position]?.kind === "fresh" ? [{ job, position }] : []));
    const store = await spec.plan(
      run,
      fresh.map(({ job }) => job.delivery),
      prepared,
    );

    // Each fresh delivery's answer, by its position in the group, so copies later in the group can repeat it.
    const responses: (DeliveryResponse | undefined)[] = [];
    const processed = fresh.map(({ job, position }, i) => {
      const response = responseOf(job.delivery, store.outcomes[i] ?? [], spec.idOf);
      responses[position] = response;
      const { created, updated, unchanged, rejected } = response;
      const receipt: ProcessedDelivery = { id: randomUUID(), meta: job.delivery.meta, outcome: response.status, received: job.delivery.received, counts: { created, updated, unchanged, rejected }, response };
      return { actor: job.actor, receipt, audits: store.audits?.[i] ?? [] };
    });
    // Issued in this order, so they travel in one round trip: the data first, then what records it.
    const [changedClientIds] = await Promise.all([
      store.write(run),
      processed.length ? run(recordProcessedReceiptsStatement(processed.map((p) => p.receipt))) : null,
      processed.length
        ? run(
            auditRowsStatement(
              processed.flatMap(({ actor, receipt, audits }) => [
                {
                  actor,
                  action: spec.auditAction,
                  entityType: "webhook_receipt",
                  entityId: receipt.id,
                  after: { endpoint: receipt.meta.endpoint, eventId: receipt.meta.eventId, ...receipt.counts },
                },
                ...audits.map((audit) => ({ actor, ...audit })),
              ]),
            ),
          )
        : null,
    ]);

    const followUps = spec.events(changedClientIds);
    const eventIds = followUps.length ? (await run<{ id: string }>(outboxInsertStatement(followUps))).map((r) => r.id) : [];
    return { answers: answerEach(jobs, plans, responses), changedClientIds, eventIds };
  });
}
