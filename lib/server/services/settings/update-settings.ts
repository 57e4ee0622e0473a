import "server-only";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { readSettings, SETTINGS_GROUPS, type SettingsKey, type SettingsValue } from "@/lib/server/data/settings";
import { appSettings } from "@/lib/server/db/schema";
import { ValidationError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";

/**
 * The groups saved as given, with before and after audited in full. Shopify's holds the webhook secret, so only
 * updateShopifySettings saves it (and audits whether the secret changed, never the secret); a new group holding a
 * secret stays out of this list the same way.
 */
const PLAIN_GROUPS = ["engagement", "email_policy", "scoring_schedule", "win_back"] as const satisfies readonly SettingsKey[];
type PlainSettingsKey = (typeof PLAIN_GROUPS)[number];

/** Validates and saves one settings group, with its before and after in the audit log. */
export async function updateSettings<K extends PlainSettingsKey>({ ctx, key, input }: { ctx: ServiceContext; key: K; input: z.input<(typeof SETTINGS_GROUPS)[K]["schema"]> }): Promise<SettingsValue<K>> {
  authorize(ctx.actor, "settings.manage");
  if (!PLAIN_GROUPS.includes(key)) throw new ValidationError({ key: [`The ${key} settings have a form of their own.`] }, `The ${key} settings have a form of their own.`);
  const value = parseInput(SETTINGS_GROUPS[key].schema, input) as SettingsValue<K>;
  return ctx.db.transaction(async (tx) => {
    const before = await readSettings(tx, key);
    const updatedBy = ctx.actor.type === "user" ? ctx.actor.id : null;
    await tx
      .insert(appSettings)
      .values({ key, value, updatedBy })
      // The database's clock: full runs compare it with when they began reading (see reusableModelFit).
      .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedBy, updatedAt: sql`now()` } });
    await writeAudit(tx, ctx.actor, { action: `settings.${key}.update`, entityType: "settings", entityId: key, before, after: value });
    return value;
  });
}
