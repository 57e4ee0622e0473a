import { z } from "zod";
import { emailAddress } from "@/lib/domain/validation";
import { type IngestClientProfile, nameFromEmail } from "./ingest-types";
import { type IngestIssue, issuesFrom } from "./issues";

const shopifyCustomerSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  email: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  // Newer API versions send email_marketing_consent; older ones accepts_marketing.
  email_marketing_consent: z.object({ state: z.string().nullish() }).nullish(),
  accepts_marketing: z.boolean().nullish(),
  // The customer's version: an older update than the one stored (a late retry) changes nothing.
  updated_at: z.iso.datetime({ offset: true, error: "Give updated_at as an ISO 8601 date-time with a zone" }).nullish(),
});

/**
 * Shopify customer → a profile change: the name and email-marketing consent. Sizes, styles and notes are
 * Rekindle's own and are left alone. Clients are matched by email; a customer without one is skipped.
 */
export function parseShopifyCustomer(body: unknown): { ok: true; profile: IngestClientProfile | null } | { ok: false; issues: IngestIssue[] } {
  const parsed = shopifyCustomerSchema.safeParse(body);
  if (!parsed.success) return { ok: false, issues: issuesFrom(parsed.error) };
  const customer = parsed.data;
  const email = customer.email?.trim() ?? "";
  if (!email) return { ok: true, profile: null };
  const checked = emailAddress("Not a valid email address").safeParse(email);
  if (!checked.success) return { ok: false, issues: [{ path: "email", message: checked.error.issues[0]?.message ?? "Not a valid email address" }] };
  if (!customer.updated_at) return { ok: false, issues: [{ path: "updated_at", message: "Missing; it is the customer's version, so an older update never overwrites a newer one" }] };
  const name = [customer.first_name, customer.last_name].filter(Boolean).join(" ").trim().slice(0, 120) || nameFromEmail(email);
  const consentState = customer.email_marketing_consent?.state;
  const marketingConsent = consentState ? consentState === "subscribed" : (customer.accepts_marketing ?? undefined);
  return { ok: true, profile: { email, name, marketingConsent, updatedAt: new Date(customer.updated_at) } };
}
