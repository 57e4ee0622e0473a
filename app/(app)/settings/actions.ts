"use server";

import { revalidatePath } from "next/cache";
import { parseMoneyToCents } from "@/lib/domain/orders/order-input";
import { formAction } from "@/lib/server/actions/form-action";
import { afterScoringRunRequested } from "@/lib/server/events/scoring-run-requested";
import { createApiKey } from "@/lib/server/services/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/server/services/api-keys/revoke-api-key";
import { assignClients } from "@/lib/server/services/clients/assign-clients";
import { startFullRescore } from "@/lib/server/services/engagement/start-full-rescore";
import { updateShopifySettings } from "@/lib/server/services/settings/update-shopify-settings";
import { updateSettings } from "@/lib/server/services/settings/update-settings";
import { changeUserRole } from "@/lib/server/services/users/change-user-role";
import { createUser } from "@/lib/server/services/users/create-user";
import { setUserActive } from "@/lib/server/services/users/set-user-active";
import { setUserPassword } from "@/lib/server/services/users/set-user-password";

/** Form fields arrive as text; an empty or non-numeric one becomes NaN, which the schema reports by name. */
const num = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN);
const group = (v: unknown) => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});

export const updateEngagementSettingsAction = formAction("settings.manage", async ({ ctx, input }) => {
  const weights = group(input.weights);
  const tiers = group(input.tiers);
  await updateSettings({
    ctx,
    key: "engagement",
    input: {
      weights: { recency: num(weights.recency), frequency: num(weights.frequency), value: num(weights.value), keepRate: num(weights.keepRate) },
      tiers: { healthy: num(tiers.healthy), watch: num(tiers.watch), atRisk: num(tiers.atRisk) },
      valueScaleCents: parseMoneyToCents(String(input.valueScale ?? "")) ?? Number.NaN,
      priorIntervalDays: num(input.priorIntervalDays),
      pAliveAtRiskBelow: num(input.pAliveAtRiskBelow),
    },
  });
  revalidatePath("/settings");
  return { status: "success", message: "Engagement settings saved. They apply from the next rescoring." };
});

export const updateEmailPolicyAction = formAction("settings.manage", async ({ ctx, input }) => {
  await updateSettings({ ctx, key: "email_policy", input: { ...input, autoSendTiers: input.autoSendTiers ?? [], reviewTiers: input.reviewTiers ?? [] } });
  revalidatePath("/settings/email");
  return { status: "success", message: "Email policy saved." };
});

export const updateWinBackSettingsAction = formAction("settings.manage", async ({ ctx, input }) => {
  const offers = typeof input.allowedOffers === "string" ? input.allowedOffers.split("\n").map((line) => line.trim()).filter(Boolean) : [];
  await updateSettings({ ctx, key: "win_back", input: { ...input, allowedOffers: offers } });
  revalidatePath("/settings/email");
  return { status: "success", message: "Win-back settings saved." };
});

export const createUserAction = formAction("users.manage", async ({ ctx, input }) => {
  const user = await createUser({ ctx, input });
  revalidatePath("/settings/users");
  return { status: "success", message: `${user.name} can now sign in as ${user.role}.` };
});

export const changeUserRoleAction = formAction("users.manage", async ({ ctx, input }) => {
  const user = await changeUserRole({ ctx, input });
  revalidatePath("/settings/users");
  return { status: "success", message: `${user.name} is now ${user.role}.` };
});

export const setUserActiveAction = formAction("users.manage", async ({ ctx, input }) => {
  const user = await setUserActive({ ctx, input });
  revalidatePath("/settings/users");
  return { status: "success", message: user.deactivatedAt ? `${user.name} is deactivated.` : `${user.name} is active again.` };
});

export const setUserPasswordAction = formAction("users.manage", async ({ ctx, input }) => {
  await setUserPassword({ ctx, input });
  return { status: "success", message: "Password set." };
});

export const assignClientsAction = formAction("clients.assign", async ({ ctx, input }) => {
  const { moved, stylistName } = await assignClients({ ctx, input });
  revalidatePath("/clients");
  return { status: "success", message: `${moved.toLocaleString("en-US")} client${moved === 1 ? "" : "s"} moved to ${stylistName}.` };
});

export const createApiKeyAction = formAction<{ token: string; signingSecret: string }>("apiKeys.manage", async ({ ctx, input }) => {
  const key = await createApiKey({ ctx, input });
  revalidatePath("/settings/api-keys");
  // Shown once: the page renders it from this answer and never again.
  return { status: "success", message: `Key "${key.name}" created.`, result: { token: key.token, signingSecret: key.signingSecret } };
});

export const revokeApiKeyAction = formAction("apiKeys.manage", async ({ ctx, input }) => {
  await revokeApiKey({ ctx, input });
  revalidatePath("/settings/api-keys");
  return { status: "success", message: "Key revoked. Requests with it are refused from now on." };
});

export const updateShopifySettingsAction = formAction("settings.manage", async ({ ctx, input }) => {
  const saved = await updateShopifySettings({ ctx, input });
  revalidatePath("/settings/webhooks");
  return { status: "success", message: saved.hasSecret ? "Shopify connection saved." : "Saved. Shopify webhooks are refused until a secret is set." };
});

export const startFullRescoreAction = formAction("settings.manage", async ({ ctx }) => {
  const run = await startFullRescore({ ctx, input: {} });
  afterScoringRunRequested(run.id);
  revalidatePath("/settings/scoring");
  return { status: "success", message: "Rescoring started. It carries on if you leave this page." };
});
