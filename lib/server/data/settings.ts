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

/**
 * The saved settings, or the defaults. A stored field that no longer parses (a rule made stricter since it was saved)
 * takes its default, loudly, and the group's other saved fields stand: a whole group reset for one field would send
 * every email with another brand, offers and send window.
 */
export async function readSettings<K extends SettingsKey>(db: Executor, key: K): Promise<SettingsValue<K>> {
  const group = SETTINGS_GROUPS[key];
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key)).limit(1);
  if (!row) return group.defaults as SettingsValue<K>;
  const parsed = group.schema.safeParse(row.value);
  if (parsed.success) return parsed.data as SettingsValue<K>;
  const invalid = new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? "")));
  const stored = typeof row.value === "object" && row.value !== null ? (row.value as Record<string, unknown>) : {};
  const defaults = group.defaults as Record<string, unknown>;
  const mended = group.schema.safeParse(Object.fromEntries(Object.keys(defaults).map((field) => [field, invalid.has(field) || !(field in stored) ? defaults[field] : stored[field]])));
  console.error(`Stored ${key} settings are invalid; using the defaults for ${mended.success ? [...invalid].join(", ") : "the whole group"}`, parsed.error.issues);
  return (mended.success ? mended.data : group.defaults) as SettingsValue<K>;
}
