import "server-only";
import type { DeliveryAnswer } from "@/lib/domain/ingest/delivery-replay";
import type { IngestClientProfile } from "@/lib/domain/ingest/ingest-types";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { type Delivery, profileCommitter } from "@/lib/server/ingest/delivery-committers";

/** Client profile upserts, keyed by email. */
export async function deliverClientProfiles({ ctx, input }: { ctx: ServiceContext; input: Delivery<IngestClientProfile> }): Promise<DeliveryAnswer> {
  authorize(ctx.actor, "clients.update");
  return profileCommitter(ctx.db)({ actor: ctx.actor, delivery: input });
}
