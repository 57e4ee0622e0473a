import { describe, expect, it } from "vitest";
import { DEFAULT_ENGAGEMENT_SETTINGS } from "@/lib/domain/engagement/settings";
import { db } from "@/lib/server/db/client";
import { DEFAULT_WIN_BACK_SETTINGS } from "@/lib/domain/email/win-back-settings";
import { appSettings, auditLog } from "@/lib/server/db/schema";
import { ForbiddenError, ValidationError } from "@/lib/server/errors";
import { untyped, userContext } from "@/test/fixtures";
import { readSettings } from "@/lib/server/data/settings";
import { updateSettings } from "./update-settings";

describe("settings", () => {
  it("returns defaults until saved, then the saved value, with before and after in the audit log", async () => {
    const admin = await userContext("admin");
    expect(await readSettings(db, "engagement")).toEqual(DEFAULT_ENGAGEMENT_SETTINGS);
    const changed = { ...DEFAULT_ENGAGEMENT_SETTINGS, tiers: { healthy: 80, watch: 55, atRisk: 25 } };
    await updateSettings({ ctx: admin, key: "engagement", input: changed });
    expect(await readSettings(db, "engagement")).toEqual(changed);
    const [entry] = await db.select().from(auditLog);
    expect(entry?.action).toBe("settings.engagement.update");
    expect((entry?.before as typeof changed).tiers.healthy).toBe(75);
    expect((entry?.after as typeof changed).tiers.healthy).toBe(80);
  });

  it("reads a saved group whose one field a stricter rule now refuses with that field's default and the rest as saved", async () => {
    const saved = { ...DEFAULT_WIN_BACK_SETTINGS, brandName: "Acme Styling", allowedOffers: ["Free shipping on your next fix"], bookingUrl: "javascript:alert(1)" };
    await db.insert(appSettings).values({ key: "win_back", value: saved });
    expect(await readSettings(db, "win_back")).toEqual({ ...saved, bookingUrl: DEFAULT_WIN_BACK_SETTINGS.bookingUrl });
  });

  it("rejects out-of-range values naming the field, and saves nothing", async () => {
    const admin = await userContext("admin");
    const error = await updateSettings({ ctx: admin, key: "engagement", input: { ...DEFAULT_ENGAGEMENT_SETTINGS, tiers: { healthy: 50, watch: 60, atRisk: 101 } } }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors).sort()).toEqual(["tiers.atRisk", "tiers.watch"]);
    const policy = await updateSettings({ ctx: admin, key: "email_policy", input: { senderName: "Team", senderEmail: "bad", minDaysBetweenEmails: "0", aiModel: "gpt", autoSendTiers: ["healthy"] } }).catch((e) => e);
    expect(Object.keys((policy as ValidationError).fieldErrors).sort()).toEqual(["aiModel", "autoSendTiers", "minDaysBetweenEmails", "senderEmail"]);
    expect(await db.$count(auditLog)).toBe(0);
  });

  it("refuses the Shopify group, whose secret only updateShopifySettings may save (and keep out of the audit log)", async () => {
    const admin = await userContext("admin");
    const secret = "shpss_never_in_the_audit_log";
    const key = "shopify" as Parameters<typeof updateSettings>[0]["key"];
    await expect(updateSettings({ ctx: admin, key, input: untyped({ shopDomain: "", webhookSecret: secret }) })).rejects.toBeInstanceOf(ValidationError);
    expect(await readSettings(db, "shopify")).not.toMatchObject({ webhookSecret: secret });
    expect(JSON.stringify(await db.select().from(auditLog))).not.toContain(secret);
  });

  it("cannot be changed by a marketer", async () => {
    const marketer = await userContext("marketer");
    await expect(updateSettings({ ctx: marketer, key: "engagement", input: DEFAULT_ENGAGEMENT_SETTINGS })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
