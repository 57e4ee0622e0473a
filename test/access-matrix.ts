import type { Role } from "@/lib/domain/access/policy";

/**
 * Who may use every page, route handler and server action the app has. Written out by hand, not
 * derived from the policy, so the tests compare behaviour against an independent statement.
 * A route or action missing from here fails test/access-matrix.test.ts.
 */
type Access = "public" | readonly Role[];

const ALL: readonly Role[] = ["admin", "marketer", "stylist"];
const ADMIN: readonly Role[] = ["admin"];

export const PAGE_ACCESS: Record<string, Access> = {
  "/": ALL,
  "/login": "public",
  "/login/check-email": "public",
  "/overview": ALL,
  "/today": ALL,
  "/clients": ALL,
  "/clients/new": ALL,
  "/clients/[id]": ALL,
  "/clients/[id]/edit": ALL,
  "/clients/[id]/orders/[orderId]/edit": ALL,
  "/emails": ALL,
  "/emails/[id]": ALL,
  "/emails/suppressions": ["admin", "marketer"],
  "/mailbox": ADMIN,
  "/unsubscribe/[token]": "public",
  "/settings": ADMIN,
  "/settings/email": ADMIN,
  "/settings/users": ADMIN,
  "/settings/api-keys": ADMIN,
  "/settings/audit": ADMIN,
  "/settings/scoring": ADMIN,
  "/settings/webhooks": ADMIN,
  "/settings/runs": ADMIN,
  "/settings/demo": ADMIN,
  "/import": ["admin", "marketer"],
  "/backtest": ["admin", "marketer"],
};

/** Route handlers authenticate in their own way: "public", "api-key" for order systems, "shopify-hmac", "svix" (Resend), or a session with these roles. */
export const HANDLER_ACCESS: Record<string, "api-key" | "shopify-hmac" | "inngest-signature" | "svix" | Access> = {
  "/api/health": "public",
  "/api/auth/[...nextauth]": "public",
  "/api/webhooks/orders": "api-key",
  "/api/webhooks/clients": "api-key",
  "/api/webhooks/shopify": "shopify-hmac",
  "/api/imports": ["admin", "marketer"],
  "/api/imports/[jobId]": ["admin", "marketer"],
  "/api/imports/[jobId]/rejected": ["admin", "marketer"],
  "/api/imports/[jobId]/parts/[part]": ["admin", "marketer"],
  "/api/imports/[jobId]/finish": ["admin", "marketer"],
  "/api/imports/uploads": ["admin", "marketer"],
  "/api/imports/form": ["admin", "marketer"],
  "/api/scoring-runs/latest": ADMIN,
  "/api/engine-runs": ADMIN,
  // Inngest's signed call requests (the SDK verifies them); the engine's endpoints take its keys or CRON_SECRET.
  "/api/inngest": "inngest-signature",
  "/api/inngest/engine/[...path]": "inngest-signature",
  "/api/clients/export": ALL,
  "/api/emails/draft": ALL,
  "/api/webhooks/resend": "svix",
  "/api/unsubscribe/[token]": "public",
};

export const ACTION_ACCESS: Record<string, Access> = {
  "(auth)/actions.ts#signInWithPasswordAction": "public",
  "(auth)/actions.ts#sendMagicLinkAction": "public",
  "(auth)/actions.ts#signOutAction": "public",
  "(app)/clients/actions.ts#createClientAction": ALL,
  "(app)/clients/actions.ts#updateClientAction": ALL,
  "(app)/clients/actions.ts#createOrderAction": ALL,
  "(app)/clients/actions.ts#updateOrderAction": ALL,
  "(app)/clients/actions.ts#cancelOrderAction": ALL,
  "(app)/clients/actions.ts#reassignClientsAction": ["admin", "marketer"],
  "(app)/clients/actions.ts#saveViewAction": ALL,
  "(app)/clients/actions.ts#deleteViewAction": ALL,
  "(app)/today/actions.ts#snoozeClientAction": ALL,
  "(app)/today/actions.ts#logContactAction": ALL,
  "(app)/clients/actions.ts#logClientContactAction": ALL,
  "(app)/settings/actions.ts#updateEngagementSettingsAction": ADMIN,
  "(app)/settings/actions.ts#updateEmailPolicyAction": ADMIN,
  "(app)/settings/actions.ts#createUserAction": ADMIN,
  "(app)/settings/actions.ts#changeUserRoleAction": ADMIN,
  "(app)/settings/actions.ts#setUserActiveAction": ADMIN,
  "(app)/settings/actions.ts#setUserPasswordAction": ADMIN,
  "(app)/settings/actions.ts#assignClientsAction": ["admin", "marketer"],
  "(app)/settings/actions.ts#createApiKeyAction": ADMIN,
  "(app)/settings/actions.ts#revokeApiKeyAction": ADMIN,
  "(app)/settings/actions.ts#updateShopifySettingsAction": ADMIN,
  "(app)/settings/actions.ts#startFullRescoreAction": ADMIN,
  "(app)/settings/actions.ts#updateScoringScheduleAction": ADMIN,
  "(app)/settings/actions.ts#replayRunAction": ADMIN,
  "(app)/import/actions.ts#startImportAction": ["admin", "marketer"],
  "(app)/settings/demo/actions.ts#startDemoRescoreAction": ADMIN,
  "(app)/settings/demo/actions.ts#overrideClientTierAction": ADMIN,
  "(app)/settings/demo/actions.ts#clearTierOverrideAction": ADMIN,
  "(app)/emails/actions.ts#editEmailAction": ALL,
  "(app)/emails/actions.ts#approveEmailsAction": ALL,
  "(app)/emails/actions.ts#discardEmailAction": ALL,
  "(app)/emails/actions.ts#sendEmailNowAction": ALL,
  "(app)/emails/actions.ts#sendDueEmailsAction": ["admin", "marketer"],
  "(app)/emails/actions.ts#updateEmailProfileAction": ALL,
  "(app)/settings/actions.ts#updateWinBackSettingsAction": ADMIN,
  "unsubscribe/actions.ts#confirmUnsubscribeAction": "public",
};
