import { z } from "zod";

/** The Shopify shop whose webhooks Rekindle accepts, and the secret Shopify signs them with. */
export const shopifySettingsSchema = z.object({
  shopDomain: z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => v === "" || /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(v), "Use the shop's myshopify.com domain, like acme.myshopify.com")
    .default(""),
  webhookSecret: z.string().trim().max(200, "That secret is too long").default(""),
});

type ShopifySettings = z.output<typeof shopifySettingsSchema>;
export const DEFAULT_SHOPIFY_SETTINGS: ShopifySettings = { shopDomain: "", webhookSecret: "" };
