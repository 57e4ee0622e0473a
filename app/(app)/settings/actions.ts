"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { scoringScheduleFormSchema } from "@/lib/domain/engagement/schedule";
import { roleName } from "@/lib/domain/access/role-change";
import { changeRoleSchema, createUserSchema, setActiveSchema, setPasswordSchema } from "@/lib/domain/access/user-input";
import { emailPolicyFormSchema } from "@/lib/domain/email/policy-settings";
import { winBackSettingsFormSchema } from "@/lib/domain/email/win-back-settings";
import { engagementSettingsFormSchema } from "@/lib/domain/engagement/settings-form";
import { formAction } from "@/lib/server/actions/form-action";
import { ConflictError } from "@/lib/server/errors";
import { createApiKey, createApiKeySchema } from "@/lib/server/services/api-keys/create-api-key";
import { revokeApiKey, revokeApiKeySchema } from "@/lib/server/services/api-keys/revoke-api-key";
import { assignClients, assignClientsSchema } from "@/lib/server/services/clients/assign-clients";
import { startFullRescore } from "@/lib/server/services/engagement/start-full-rescore";
import { replayRun, replayRunSchema } from "@/lib/server/services/engine-runs/replay-run";
import { updateShopifySchema, updateShopifySettings } from "@/lib/server/services/settings/update-shopify-settings";
import { updateSettings } from "@/lib/server/services/settings/update-settings";
import { changeUserRole } from "@/lib/server/services/users/change-user-role";
import { createUser } from "@/lib/server/services/users/create-user";
import { setUserActive } from "@/lib/server/services/users/set-user-active";
import { setUserPassword } from "@/lib/server/services/users/set-user-password";

export const updateEngagementSettingsAction = formAction("settings.manage", engagementSettingsFormSchema, async ({ ctx, input }) => {
  await updateSettings({ ctx, key: "engagement", input });
  revalidatePath("/settings");
  return { status: "success", message: "Engagement settings saved. They apply from the next rescoring." };
});

export const updateEmailPolicyAction = formAction("settings.manage", emailPolicyFormSchema, async ({ ctx, input }) => {
  await updateSettings({ ctx, key: "email_policy", input });
  revalidatePath("/settings/email");
  return { status: "success", message: "Email policy saved." };
});

export const updateWinBackSettingsAction = formAction("settings.manage", winBackSettingsFormSchema, async ({ ctx, input }) => {
  await updateSettings({ ctx, key: "win_back", input });
  revalidatePath("/settings/email");
  return { status: "success", message: "Win-back settings saved." };
});

export const createUserAction = formAction("users.manage", createUserSchema, async ({ ctx, input }) => {
  const user = await createUser({ ctx, input });
  revalidatePath("/settings/users");
  const how = user.hasPassword ? "with the password you set" : `with a link sent to ${user.email}`;
  return { status: "success", message: `${user.name} can now sign in as ${roleName(user.role)}, ${how}.` };
});

export const changeUserRoleAction = formAction("users.manage", changeRoleSchema, async ({ ctx, input }) => {
  const { user, unassigned } = await changeUserRole({ ctx, input });
  revalidatePath("/settings/users");
  return { status: "success", message: `${user.name} is now ${roleName(user.role)}.${unassigned > 0 ? ` ${unassigned === 1 ? "1 client now has" : `${unassigned.toLocaleString("en-US")} clients now have`} no stylist.` : ""}` };
});

export const setUserActiveAction = formAction("users.manage", setActiveSchema, async ({ ctx, input }) => {
  const user = await setUserActive({ ctx, input });
  revalidatePath("/settings/users");
  return { status: "success", message: user.deactivatedAt ? `${user.name} is deactivated.` : `${user.name} is active again.` };
});

export const setUserPasswordAction = formAction("users.manage", setPasswordSchema, async ({ ctx, input }) => {
  const { self } = await setUserPassword({ ctx, input });
  return { status: "success", message: self ? "Your password is set. You are signed out everywhere: sign in again with it." : "Password set. They were signed out everywhere and sign in with the new password." };
});

export const assignClientsAction = formAction("clients.assign", assignClientsSchema, async ({ ctx, input }) => {
  const { moved, stylistName } = await assignClients({ ctx, input });
  revalidatePath("/clients");
  return { status: "success", message: `${moved.toLocaleString("en-US")} client${moved === 1 ? "" : "s"} moved to ${stylistName}.` };
});

export const createApiKeyAction = formAction("apiKeys.manage", createApiKeySchema, async ({ ctx, input }) => {
  const key = await createApiKey({ ctx, input });
  revalidatePath("/settings/api-keys");
  // Shown once: the page renders it from this answer and never again.
  return { status: "success", message: `Key "${key.name}" created.`, result: { token: key.token, signingSecret: key.signingSecret } };
});

export const revokeApiKeyAction = formAction("apiKeys.manage", revokeApiKeySchema, async ({ ctx, input }) => {
  await revokeApiKey({ ctx, input });
  revalidatePath("/settings/api-keys");
  return { status: "success", message: "Key revoked. Requests with it are refused within 10 seconds." };
});

export const updateShopifySettingsAction = formAction("settings.manage", updateShopifySchema, async ({ ctx, input }) => {
  const saved = await updateShopifySettings({ ctx, input });
  revalidatePath("/settings/webhooks");
  return { status: "success", message: saved.hasSecret ? "Shopify connection saved." : "Saved. Shopify webhooks are refused until a secret is set." };
});

export const startFullRescoreAction = formAction("settings.manage", z.object({}), async ({ ctx }) => {
  try {
    await startFullRescore({ ctx, input: {} });
  } catch (error) {
    // A second click, or a nightly run the page had not polled yet: what was asked for is under way, and the form
    // fetches the run when answered, so its progress shows; an error line would outlive the run it spoke of.
    if (error instanceof ConflictError) return { status: "success", message: "A full rescoring is already under way: its progress shows below." };
    throw error;
  }
  revalidatePath("/settings/scoring");
  return { status: "success", message: "Rescoring started. It carries on if you leave this page." };
});

export const updateScoringScheduleAction = formAction("settings.manage", scoringScheduleFormSchema, async ({ ctx, input }) => {
  const saved = await updateSettings({ ctx, key: "scoring_schedule", input });
  revalidatePath("/settings/scoring");
  return { status: "success", message: saved.nightlyHourUtc === null ? "Nightly rescoring is off." : `Nightly rescoring runs at ${String(saved.nightlyHourUtc).padStart(2, "0")}:00 UTC.` };
});

export const replayRunAction = formAction("settings.manage", replayRunSchema, async ({ ctx, input }) => {
  await replayRun({ ctx, input });
  revalidatePath("/settings/runs");
  return { status: "success", message: "Replay queued. It runs on the engine's next tick." };
});
