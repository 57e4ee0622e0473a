import "server-only";
import { z } from "zod";
import { shopifySettingsSchema } from "@/lib/domain/ingest/shopify-settings";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { readSettings } from "@/lib/server/data/settings";
import { appSettings } from "@/lib/server/db/schema";
import { forgetShopifyConfig } from "@/lib/server/ingest/shopify-config";
import { parseInput } from "@/lib/server/parse-input";

const updateShopifySchema = z.object({
  // Required (blank allowed, as the form sends it): a post without the field must not silently clear the saved shop.
  shopDomain: z.string("Give the shop domain, or leave the field empty to accept any shop").pipe(shopifySettingsSchema.shape.shopDomain.unwrap()),
  // Blank keeps the saved secret: the page never shows it, so a form saved without typing one must not erase it.
  webhookSecret: z.string().trim().max(200, "That secret is too long").default(""),
  clearSecret: z.preprocess((v) => v === "on" || v === true || v === "true", z.boolean()).default(false),
});

/** Saves the Shopify connection. The secret itself never reaches the audit log, only whether it changed. */
export async function updateShopifySettings({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
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
