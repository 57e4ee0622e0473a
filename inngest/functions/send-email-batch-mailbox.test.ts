import { InngestTestEngine } from "@inngest/test";
import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DEFAULT_WIN_BACK_SETTINGS } from "@/lib/domain/email/win-back-settings";
import { db } from "@/lib/server/db/client";
import { appSettings, localMailbox, winBackEmails } from "@/lib/server/db/schema";
import { approveEmails } from "@/lib/server/services/emails/approve-email";
import { draftEmail } from "@/lib/server/services/emails/draft-email";
import { DAYTIME, clientWithFix } from "@/test/email-fixtures";
import { userContext } from "@/test/fixtures";
import { sendEmailBatchFunction } from "./send-email-batch";

type DueEvent = { name: "rekindle/email.due"; data: { emailId: string } };

// Without RESEND_API_KEY the batch takes the same path and lands in the local mailbox.
describe("send-email-batch without Resend", () => {
  it("puts each email of the batch in the local mailbox once, however often the batch runs", async () => {
    await db.insert(appSettings).values({ key: "win_back", value: { ...DEFAULT_WIN_BACK_SETTINGS, sendWindowStartHour: 0, sendWindowEndHour: 24 } });
    const stylist = await userContext("stylist");
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await draftEmail({ ctx: stylist, input: { clientId: (await clientWithFix(stylist, stylist.actor.id)).id } })).id);
    await approveEmails({ ctx: stylist, input: { emailIds: ids }, now: DAYTIME });
    const run = () =>
      new InngestTestEngine({
        function: sendEmailBatchFunction,
        events: ids.map((emailId) => ({ name: "rekindle/email.due", data: { emailId } })) as [DueEvent, ...DueEvent[]],
        steps: [{ id: "wait-for-send-slots", handler: () => undefined }],
      }).execute();
    expect((await run()).result).toMatchObject({ sent: 3 });
    expect((await run()).result).toMatchObject({ sent: 0, skipped: 3 });
    const mail = await db.select({ tags: localMailbox.tags }).from(localMailbox);
    expect(mail.map((m) => m.tags?.email_id).sort()).toEqual([...ids].sort());
    const rows = await db.select({ state: winBackEmails.state, transport: winBackEmails.transport }).from(winBackEmails).where(inArray(winBackEmails.id, ids));
    expect(rows).toEqual(ids.map(() => ({ state: "sent", transport: "local" })));
  });
});
