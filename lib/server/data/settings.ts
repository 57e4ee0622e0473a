import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { DEFAULT_EMAIL_POLICY, emailPolicySchema } from "@/lib/domain/email/policy-settings";
import { DEFAULT_SCORING_SCHEDULE, scoringScheduleSchema } from "@/lib/domain/engagement/schedule";
import { DEFAULT_WIN_BACK_SETTINGS, winBackSettingsSchema } from "@/lib/domain/email/win-back-settings";
import { DEFAULT_ENGAGEMENT_SETTINGS, engagementSettingsSchema } from "@/lib/domain/engagement/settings";
import { DEFAULT_SHOPIFY_SETTINGS, shopifySettingsSchema } from "@/lib/domain/ingest/shopify-settings";
import type { Executor } from "@/lib/server/db/client";
import { appSettings } from "@/lib/server/db/schema";

/** Each settings group: its storage key, its schema and the defaults used until an admin saves it. */
export const SETTINGS_GROUPS = {
  engagement: { schema: engagementSettingsSchema, defaults: DEFAULT_ENGAGEMENT_SETTINGS },
  email_policy: { schema: emailPolicySchema, defaults: DEFAULT_EMAIL_POLICY },
  shopify: { schema: shopifySettingsSchema, defaults: DEFAULT_SHOPIFY_SETTINGS },
  scoring_schedule: { schema: scoringScheduleSchema, defaults: DEFAULT_SCORING_SCHEDULE },
  win_back: { schema: winBackSettingsSchema, defaults: DEFAULT_WIN_BACK_SETTINGS },
} as const;

export type SettingsKey = keyof typeof SETTINGS_GROUPS;
export type SettingsValue<K extends SettingsKey> = z.output<(typeof SETTINGS_GROUPS)[K]["schema"]>;

/** The saved settings, or the defaults. A stored value that no longer parses falls back to the defaults, loudly. */
export async function readSettings<K extends SettingsKey>(db: Executor, key: K): Promise<SettingsValue<K>> {
  const group = SETTINGS_GROUPS[key];
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key)).limit(1);
  if (!row) return group.defaults as SettingsValue<K>;
  const parsed = group.schema.safeParse(row.value);
  if (!parsed.success) {
    console.error(`Stored ${key} settings are invalid; using defaults`, parsed.error.issues);
    return group.defaults as SettingsValue<K>;
  }
  return parsed.data as SettingsValue<K>;
}
