import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DEFAULT_WIN_BACK_SETTINGS } from "@/lib/domain/email/win-back-settings";
import { db } from "@/lib/server/db/client";
import { appSettings, engineRuns, localMailbox, winBackEmails } from "@/lib/server/db/schema";
import { approveEmails } from "@/lib/server/services/emails/approve-email";
import { draftEmail } from "@/lib/server/services/emails/draft-email";
import { clientWithFix } from "@/test/email-fixtures";
import { userContext } from "@/test/fixtures";
import { drainEngine, serveInngestForEachTest } from "@/test/inngest-engine";

// Approval to delivery driven by the embedded engine over /api/inngest, as in production: send-email per email, then
// send-email-batch taking the due emails together.
serveInngestForEachTest();

const runsOf = (functionId: string) => db.select({ status: engineRuns.status }).from(engineRuns).where(eq(engineRuns.functionId, `rekindle-${functionId}`));

describe("sending approved emails through the engine", () => {
  it("sends emails due together in one batch run, each once", async () => {
    // The whole day is daytime, so the emails are due at once whatever the real clock says.
    await db.insert(appSettings).values({ key: "win_back", value: { ...DEFAULT_WIN_BACK_SETTINGS, sendWindowStartHour: 0, sendWindowEndHour: 24 } });
    const stylist = await userContext("stylist");
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await draftEmail({ ctx: stylist, input: { clientId: (await clientWithFix(stylist, stylist.actor.id)).id } })).id);
    await approveEmails({ ctx: stylist, input: { emailIds: ids } });
    await drainEngine();
    expect((await runsOf("send-email")).map((r) => r.status)).toEqual(["completed", "completed", "completed"]);
    expect((await runsOf("send-email-batch")).map((r) => r.status)).toEqual(["completed"]);
    const rows = await db.select({ state: winBackEmails.state, batch: winBackEmails.sendBatch }).from(winBackEmails).where(inArray(winBackEmails.id, ids));
    expect(rows.map((r) => r.state)).toEqual(["sent", "sent", "sent"]);
    expect(new Set(rows.map((r) => r.batch)).size).toBe(1);
    expect((await db.select({ tags: localMailbox.tags }).from(localMailbox)).map((m) => m.tags?.email_id).sort()).toEqual([...ids].sort());
  });
});
