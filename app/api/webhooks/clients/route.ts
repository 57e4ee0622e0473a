import { fetchWebhook } from "@/lib/server/http/webhook-http";
import { receiveClientProfiles } from "@/lib/server/ingest/webhook-endpoints";

export const dynamic = "force-dynamic";

/** Client profile upserts; see receiveClientProfiles. `npm start` serves this path without Next.js (scripts/lib/webhook-lane.ts). */
export const POST = fetchWebhook(receiveClientProfiles);
