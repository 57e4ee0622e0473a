import { shopifyHmac } from "@/lib/domain/ingest/signature";
import { updateShopifySettings } from "@/lib/server/services/settings/update-shopify-settings";
import { userContext } from "./fixtures";

const SHOPIFY_SECRET = "shpss_test_secret_for_rekindle";
const SHOPIFY_SHOP = "jsmith.myshopify.com";

/** Connects the test shop, as an admin does under Settings → Webhooks. */
export async function connectShopify() {
  await updateShopifySettings({ ctx: await userContext("admin"), input: { shopDomain: SHOPIFY_SHOP, webhookSecret: SHOPIFY_SECRET } });
}

/** A delivery signed as Shopify signs it, each with a webhook id of its own unless one is given. */
export function shopifyDelivery(topic: string, body: string, options: { webhookId?: string } = {}) {
  return new Request("http://localhost/api/webhooks/shopify", {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Hmac-Sha256": shopifyHmac(SHOPIFY_SECRET, body),
      "X-Shopify-Shop-Domain": SHOPIFY_SHOP,
      "X-Shopify-Webhook-Id": options.webhookId ?? crypto.randomUUID(),
      "X-Shopify-API-Version": "2025-07",
    },
    body,
  });
}
