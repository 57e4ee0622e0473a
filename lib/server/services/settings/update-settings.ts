import "server-only";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { appSettings } from "@/lib/server/db/schema";
import { parseInput } from "@/lib/server/parse-input";
import { readSettings, SETTINGS_GROUPS, type SettingsKey, type SettingsValue } from "@/lib/server/data/settings";

/** Validates and saves one settings group, with its before and after in the audit log. */
export async function updateSettings<K extends SettingsKey>({ ctx, key, input }: { ctx: ServiceContext; key: K; input: unknown }): Promise<SettingsValue<K>> {
  authorize(ctx.actor, "settings.manage");
  const value = parseInput(SETTINGS_GROUPS[key].schema, input) as SettingsValue<K>;
  return ctx.db.transaction(async (tx) => {
    const before = await readSettings(tx, key);
    const updatedBy = ctx.actor.type === "user" ? ctx.actor.id : null;
    await tx
      .insert(appSettings)
      .values({ key, value, updatedBy })
      .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedBy, updatedAt: new Date() } });
    await writeAudit(tx, ctx.actor, { action: `settings.${key}.update`, entityType: "settings", entityId: key, before, after: value });
    return value;
  });
}
