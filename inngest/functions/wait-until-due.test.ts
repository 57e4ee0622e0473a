import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { appSettings, winBackEmails } from "@/lib/server/db/schema";
import { DEFAULT_WIN_BACK_SETTINGS } from "@/lib/domain/email/win-back-settings";
import { DAYTIME, clientWithFix } from "@/test/email-fixtures";
import { userContext } from "@/test/fixtures";
import { approveEmail } from "@/lib/server/services/emails/approve-email";
import { discardEmail } from "@/lib/server/services/emails/discard-email";
import { draftEmail } from "@/lib/server/services/emails/draft-email";
import { waitUntilDueFunction } from "./wait-until-due";

// Steps that pause are mocked, as @inngest/test asks: the sleep ends at once.
const engine = (emailId: string) =>
  new InngestTestEngine({ function: waitUntilDueFunction, events: [{ name: "rekindle/email.approved", data: { emailId } }] as [{ name: "rekindle/email.approved"; data: { emailId: string } }], steps: [{ id: "wait-until-due", handler: () => undefined }] });

async function approvedEmail() {
  await db.insert(appSettings).values({ key: "win_back", value: { ...DEFAULT_WIN_BACK_SETTINGS, sendWindowStartHour: 0, sendWindowEndHour: 24 } }).onConflictDoNothing();
  const stylist = await userContext("stylist");
  const client = await clientWithFix(stylist, stylist.actor.id);
  const email = await draftEmail({ ctx: stylist, input: { clientId: client.id } });
  await approveEmail({ ctx: stylist, input: { emailId: email.id }, now: DAYTIME });
  return { email, stylist };
}

describe("send-email", () => {
  it("waits until the email is due, then hands it to the batched sender", async () => {
    const { email } = await approvedEmail();
    const { ctx, result } = await engine(email.id).execute();
    const [row] = await db.select().from(winBackEmails).where(eq(winBackEmails.id, email.id));
    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-until-due", row?.scheduledFor?.toISOString());
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("hand-to-batch", expect.objectContaining({ name: "rekindle/email.due", data: { emailId: email.id } }));
    expect(result).toMatchObject({ emailId: email.id, outcome: "due" });
  });

  it("skips an email discarded meanwhile", async () => {
    const { email, stylist } = await approvedEmail();
    await discardEmail({ ctx: stylist, input: { emailId: email.id, reason: "Changed my mind" } });
    const { ctx, result } = await engine(email.id).execute();
    expect(result).toMatchObject({ outcome: "skipped", state: "discarded" });
    expect(ctx.step.sendEvent).not.toHaveBeenCalled();
  });
});
