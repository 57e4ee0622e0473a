import { InngestTestEngine } from "@inngest/test";
import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { localMailbox, winBackEmails } from "@/lib/server/db/schema";
import { approvedEmailsDueNow } from "@/test/email-fixtures";
import { sendEmailBatchFunction } from "./send-email-batch";

type DueEvent = { name: "rekindle/email.due"; data: { emailId: string } };

// Without RESEND_API_KEY the batch takes the same path and lands in the local mailbox.
describe("send-email-batch without Resend", () => {
  it("puts each email of the batch in the local mailbox once, however often the batch runs", async () => {
    const { ids } = await approvedEmailsDueNow(3);
    const run = () =>
      new InngestTestEngine({
        function: sendEmailBatchFunction,
        events: ids.map((emailId) => ({ name: "rekindle/email.due", data: { emailId } })) as [DueEvent, ...DueEvent[]],
        steps: [{ id: "wait-for-send-slots", handler: () => undefined }],
      }).execute();
    expect((await run()).result).toMatchObject({ sent: 3 });
    expect((await run()).result).toMatchObject({ sent: 0, skipped: 3 });
    const mail = await db.select({ tags: localMailbox.tags }).from(localMailbox);
    expect(mail.map((m) => m.tags?.email_id).sort()).toEqual(ids);
    const rows = await db.select({ state: winBackEmails.state, transport: winBackEmails.transport }).from(winBackEmails).where(inArray(winBackEmails.id, ids));
    expect(rows).toEqual(ids.map(() => ({ state: "sent", transport: "local" })));
  });
});
