import "server-only";
import { env } from "@/lib/env";
import { db } from "@/lib/server/db/client";
import { readSettings } from "@/lib/server/data/settings";

type ShopifyConfig = { shopDomain: string; secret: string | null; secretFrom: "settings" | "environment" | null };

// Read on every Shopify delivery; kept briefly so a burst of webhooks costs one settings query.
const CONFIG_CACHE_MS = 10_000;
let cached: { config: ShopifyConfig; expiresAt: number } | null = null;

export function forgetShopifyConfig() {
  cached = null;
}

/** The secret saved on the Webhooks settings page, or else SHOPIFY_WEBHOOK_SECRET. */
export async function shopifyConfig(): Promise<ShopifyConfig> {
  if (cached && cached.expiresAt > Date.now()) return cached.config;
  const saved = await readSettings(db, "shopify");
  const config: ShopifyConfig = saved.webhookSecret
    ? { shopDomain: saved.shopDomain, secret: saved.webhookSecret, secretFrom: "settings" }
    : { shopDomain: saved.shopDomain, secret: env.SHOPIFY_WEBHOOK_SECRET ?? null, secretFrom: env.SHOPIFY_WEBHOOK_SECRET ? "environment" : null };
  cached = { config, expiresAt: Date.now() + CONFIG_CACHE_MS };
  return config;
}
