import "server-only";
import { consentAuditEntry } from "@/lib/domain/audit/consent";
import type { DeliveryAnswer } from "@/lib/domain/ingest/delivery-replay";
import type { IngestClientProfile, IngestOrder } from "@/lib/domain/ingest/ingest-types";
import type { Executor } from "@/lib/server/db/client";
import { onClientProfilesUpdated, onOrdersChanged } from "@/lib/server/events/ingest-events";
import { type CommitSpec, commitDeliveries, type Delivery, type DeliveryJob } from "./commit-deliveries";
import { createGroupCommitter } from "./group-commit";
import { withIngestRetry } from "./retry";
import { prepareClientProfileSets, storeClientProfileSets } from "./store-client-profiles";
import { planOrderSets, prepareOrderSets } from "./store-orders";

export type { Delivery } from "./commit-deliveries";

/** Groups committing at once: one can run in Postgres while the next is gathered. */
const GROUP_CONCURRENCY = 1;
/** The most items one group stores: a full batch of 1,000 goes alone, single orders go in groups of up to this many. */
const MAX_GROUP_ITEMS = 1_000;

type Committer<D> = (job: DeliveryJob<D>) => Promise<DeliveryAnswer>;

/**
 * Deliveries arriving together are committed together, one transaction per group (see
 * createGroupCommitter), each still answered with its own result once the group has committed; then
 * `after` hears of every client whose data changed. One committer per executor, since a group shares it.
 */
function groupCommitted<T, D extends Delivery<T>, P>(spec: CommitSpec<T, D, P> & { after: (changedClientIds: string[]) => Promise<void> }): (db: Executor) => Committer<D> {
  const committers = new WeakMap<Executor, Committer<D>>();
  return (db) => {
    const existing = committers.get(db);
    if (existing) return existing;
    const committer = createGroupCommitter<DeliveryJob<D>, DeliveryAnswer>({
      concurrency: GROUP_CONCURRENCY,
      maxGroupSize: MAX_GROUP_ITEMS,
      sizeOf: (job) => job.delivery.valid.length,
      commit: async (jobs) => {
        const { answers, changedClientIds } = await withIngestRetry(() => commitDeliveries(db, jobs, spec));
        // The group is committed: a failing follow-up must not make it look failed (and be stored again).
        await spec.after(changedClientIds).catch((error) => console.error("A follow-up to stored deliveries failed", error));
        return answers;
      },
    });
    committers.set(db, committer);
    return committer;
  };
}

export type OrderDelivery = Delivery<IngestOrder> & { source: string };
const orderSets = (deliveries: OrderDelivery[]) => deliveries.map((d) => ({ source: d.source, orders: d.valid.map((v) => v.value) }));

/** Orders from a sender, keyed by (source, external id); unknown client emails become minimal clients. */
export const orderCommitter = groupCommitted({
  prepare: (run, deliveries: OrderDelivery[]) => prepareOrderSets(run, orderSets(deliveries)),
  plan: async (_run, fresh, prepared) => planOrderSets(orderSets(fresh), prepared),
  idOf: (o: IngestOrder) => o.externalId,
  auditAction: "orders.ingest",
  after: onOrdersChanged,
});

const profileSets = (deliveries: Delivery<IngestClientProfile>[]) => deliveries.map((d) => d.valid.map((v) => v.value));

/** Client profile upserts, keyed by email. */
export const profileCommitter = groupCommitted({
  prepare: (run, deliveries: Delivery<IngestClientProfile>[]) => prepareClientProfileSets(run, profileSets(deliveries)),
  // Profiles are written as they are decided, one delivery after another; nothing is left to write after.
  plan: async (run, fresh) => {
    const { outcomes, changedClientIds, consentChanges } = await storeClientProfileSets(run, profileSets(fresh));
    // Each consent given or withdrawn gets an audit row of its own, with the sender as its actor.
    const audits = consentChanges.map((changes, i) => changes.map((change) => consentAuditEntry(change, { eventId: fresh[i]?.meta.eventId })));
    return { outcomes, write: async () => changedClientIds, audits };
  },
  idOf: (p: IngestClientProfile) => p.email,
  auditAction: "clients.ingest",
  after: onClientProfilesUpdated,
});
