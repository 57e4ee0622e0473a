"use server";

import type { Route } from "next";
import { revalidatePath } from "next/cache";
import { clearTierOverrideSchema, tierOverrideSchema } from "@/lib/domain/demo-controls/inputs";
import { TIER_LABELS } from "@/components/engagement/tier-badge";
import { formAction } from "@/lib/server/actions/form-action";
import { clearTierOverride } from "@/lib/server/services/demo/clear-tier-override";
import { overrideClientTier } from "@/lib/server/services/demo/override-client-tier";
import { startDemoRescore, startDemoRescoreSchema } from "@/lib/server/services/demo/start-demo-rescore";

const dateOnly = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

export const startDemoRescoreAction = formAction("demo.control", startDemoRescoreSchema, async ({ ctx, input }) => {
  const run = await startDemoRescore({ ctx, input });
  revalidatePath("/settings/scoring");
  return { status: "success", message: `Demo rescoring as of ${dateOnly.format(run.asOf)} started. It carries on if you leave this page.` };
});

export const overrideClientTierAction = formAction("demo.control", tierOverrideSchema, async ({ ctx, input }) => {
  const override = await overrideClientTier({ ctx, input });
  revalidateClient(input.clientId);
  return { status: "success", message: `Demo override: shown as ${TIER_LABELS[override.tier]} until ${dateOnly.format(override.expiresAt)}.` };
});

export const clearTierOverrideAction = formAction("demo.control", clearTierOverrideSchema, async ({ ctx, input }) => {
  await clearTierOverride({ ctx, input });
  revalidateClient(input.clientId);
  return { status: "success", message: "Demo override ended: the scored tier shows again." };
});

function revalidateClient(clientId: string) {
  revalidatePath(`/clients/${clientId}` as Route);
  revalidatePath("/clients");
  revalidatePath("/settings/demo");
}
