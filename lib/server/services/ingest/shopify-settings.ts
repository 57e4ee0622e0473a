import "server-only";
import { z } from "zod";
import { shopifySettingsSchema } from "@/lib/domain/ingest/shopify-settings";
import { env } from "@/lib/env";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { db } from "@/lib/server/db/client";
import { appSettings } from "@/lib/server/db/schema";
import { parseInput } from "@/lib/server/services/parse";
import { readSettings } from "@/lib/server/services/settings/settings-store";

export const updateShopifySchema = z.object({
  shopDomain: shopifySettingsSchema.shape.shopDomain,
  // Blank keeps the saved secret: the page never shows it, so a form saved without typing one must not erase it.
  webhookSecret: z.string().trim().max(200, "That secret is too long").default(""),
  clearSecret: z.preprocess((v) => v === "on" || v === true || v === "true", z.boolean()).default(false),
});

/** Saves the Shopify connection. The secret itself never reaches the audit log, only whether it changed. */
export async function updateShopifySettings({ ctx, input }: VerbArgs<typeof updateShopifySchema>) {
  authorize(ctx.actor, "settings.manage");
  const data = parseInput(updateShopifySchema, input);
  return ctx.db.transaction(async (tx) => {
    const before = await readSettings(tx, "shopify");
    const webhookSecret = data.clearSecret ? "" : data.webhookSecret || before.webhookSecret;
    const value = { shopDomain: data.shopDomain, webhookSecret };
    const updatedBy = ctx.actor.type === "user" ? ctx.actor.id : null;
    await tx
      .insert(appSettings)
      .values({ key: "shopify", value, updatedBy })
      .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedBy, updatedAt: new Date() } });
    const redact = (s: { shopDomain: string; webhookSecret: string }) => ({ shopDomain: s.shopDomain, webhookSecret: s.webhookSecret ? "(set)" : "(not set)" });
    await writeAudit(tx, ctx.actor, {
      action: "settings.shopify.update",
      entityType: "settings",
      entityId: "shopify",
      before: redact(before),
      after: { ...redact(value), secretChanged: webhookSecret !== before.webhookSecret },
    });
    forgetShopifyConfig();
    return { shopDomain: value.shopDomain, hasSecret: Boolean(webhookSecret) };
  });
}

export type ShopifyConfig = { shopDomain: string; secret: string | null; secretFrom: "settings" | "environment" | null };

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
