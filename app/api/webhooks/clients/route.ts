import { clientEventSchema, toIngestClientProfile } from "@/lib/domain/ingest/client-event";
import { envelopeParser } from "@/lib/domain/ingest/envelope";
import { deliverClientProfiles } from "@/lib/server/services/ingest/deliver";
import { receiveSignedWebhook } from "@/lib/server/services/ingest/signed-webhook";

export const dynamic = "force-dynamic";

const parseClients = envelopeParser({ single: "client", batch: "clients", item: clientEventSchema, toItem: toIngestClientProfile, withSource: false });

/** Client profile upserts by email: one (`client`) or a batch (`clients`). See "Sending orders and client profiles" in README.md. */
export function POST(request: Request) {
  return receiveSignedWebhook(request, {
    endpoint: "clients",
    scope: "clients:write",
    parse: parseClients,
    deliver: (ctx, meta, parsed) => deliverClientProfiles({ ctx, input: { meta, received: parsed.received, valid: parsed.valid, issues: parsed.issues } }),
  });
}
