import { receiveShopifyWebhook } from "@/lib/server/services/ingest/shopify-webhook";

export const dynamic = "force-dynamic";

/** Shopify's orders/create, orders/updated and customers/update webhooks. See "Sending orders and client profiles" in README.md. */
export function POST(request: Request) {
  return receiveShopifyWebhook(request);
}
