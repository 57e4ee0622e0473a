"use server";

import { revalidatePath } from "next/cache";
import { roleName } from "@/lib/domain/access/role-change";
import { weightPercentTotalError } from "@/lib/domain/engagement/settings";
import { parseMoneyToCents } from "@/lib/domain/orders/order-input";
import { formAction } from "@/lib/server/actions/form-action";
import { ValidationError } from "@/lib/server/errors";
import { createApiKey } from "@/lib/server/services/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/server/services/api-keys/revoke-api-key";
import { assignClients } from "@/lib/server/services/clients/assign-clients";
import { startFullRescore } from "@/lib/server/services/engagement/start-full-rescore";
import { replayRun } from "@/lib/server/services/engine-runs/replay-run";
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
  // The form shows weights in percent, adding up to 100; they are stored as fractions of 1.
  const percents = { recency: num(weights.recency), frequency: num(weights.frequency), value: num(weights.value), keepRate: num(weights.keepRate) };
  const total = weightPercentTotalError(percents);
  if (total) throw new ValidationError({ weights: [total] });
  await updateSettings({
    ctx,
    key: "engagement",
    input: {
      weights: { recency: percents.recency / 100, frequency: percents.frequency / 100, value: percents.value / 100, keepRate: percents.keepRate / 100 },
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

export const createUserAction = formAction("users.manage", async ({ ctx, input }) => {
  const user = await createUser({ ctx, input });
  revalidatePath("/settings/users");
  const how = user.hasPassword ? "with the password you set" : `with a link sent to ${user.email}`;
  return { status: "success", message: `${user.name} can now sign in as ${roleName(user.role)}, ${how}.` };
});

export const changeUserRoleAction = formAction("users.manage", async ({ ctx, input }) => {
  const { user, unassigned } = await changeUserRole({ ctx, input });
  revalidatePath("/settings/users");
  return { status: "success", message: `${user.name} is now ${roleName(user.role)}.${unassigned > 0 ? ` ${unassigned === 1 ? "1 client now has" : `${unassigned.toLocaleString("en-US")} clients now have`} no stylist.` : ""}` };
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
  await startFullRescore({ ctx, input: {} });
  revalidatePath("/settings/scoring");
  return { status: "success", message: "Rescoring started. It carries on if you leave this page." };
});

export const updateScoringScheduleAction = formAction("settings.manage", async ({ ctx, input }) => {
  const hour = typeof input.nightlyHourUtc === "string" ? input.nightlyHourUtc.trim() : "";
  const saved = await updateSettings({ ctx, key: "scoring_schedule", input: { nightlyHourUtc: hour === "off" ? null : num(hour) } });
  revalidatePath("/settings/scoring");
  return { status: "success", message: saved.nightlyHourUtc === null ? "Nightly rescoring is off." : `Nightly rescoring runs at ${String(saved.nightlyHourUtc).padStart(2, "0")}:00 UTC.` };
});

export const replayRunAction = formAction("settings.manage", async ({ ctx, input }) => {
  await replayRun({ ctx, input });
  revalidatePath("/settings/runs");
  return { status: "success", message: "Replay queued. It runs on the engine's next tick." };
});
