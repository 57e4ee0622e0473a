import { fetchWebhook } from "@/lib/server/http/webhook-http";
import { receiveOrders } from "@/lib/server/ingest/webhook-endpoints";

export const dynamic = "force-dynamic";

/** Orders from an order system; see receiveOrders. `npm start` serves this path without Next.js (scripts/lib/webhook-lane.ts). */
export const POST = fetchWebhook(receiveOrders);
