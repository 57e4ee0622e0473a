import { fetchWebhook } from "@/lib/server/http/webhook-http";
import { receiveShopifyWebhook } from "@/lib/server/ingest/webhook-endpoints";

export const dynamic = "force-dynamic";

/** Shopify's orders/create, orders/updated and customers/update webhooks; see receiveShopifyWebhook. `npm start` serves this path without Next.js (scripts/lib/webhook-lane.ts). */
export const POST = fetchWebhook(receiveShopifyWebhook);
