"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/server/actions/form-action";
import { parseInput } from "@/lib/server/parse-input";
import { approveEmail, approveEmails } from "@/lib/server/services/emails/approve-email";
import { discardEmail } from "@/lib/server/services/emails/discard-email";
import { editEmail } from "@/lib/server/services/emails/edit-email";
import { sendDueEmails } from "@/lib/server/services/emails/send-due-emails";
import { sendWinBackEmail } from "@/lib/server/services/emails/send-win-back-email";
import { updateEmailProfile } from "@/lib/server/services/users/update-email-profile";

function refresh(emailId?: string) {
  revalidatePath("/emails");
  if (emailId) revalidatePath(`/emails/${emailId}`);
}

export const editEmailAction = formAction("emails.write", async ({ ctx, input }) => {
  const email = await editEmail({ ctx, input });
  refresh(email.id);
  return { status: "success", message: "Draft saved." };
});

export const approveEmailAction = formAction("emails.write", async ({ ctx, input }) => {
  const email = await approveEmail({ ctx, input });
  refresh(email.id);
  return { status: "success", message: `Approved. It goes out ${email.scheduledFor && email.scheduledFor > new Date() ? `at ${email.scheduledFor.toUTCString()}` : "with the next send"}.` };
});

const bulkSchema = z.object({ emailIds: z.array(z.string()).default([]) });

export const approveEmailsAction = formAction("emails.write", async ({ ctx, input }) => {
  const { emailIds } = parseInput(bulkSchema, input);
  const result = await approveEmails({ ctx, input: { emailIds } });
  refresh();
  return { status: "success", message: `${result.approved} approved${result.skipped.length ? `, ${result.skipped.length} skipped (no longer drafts)` : ""}.` };
});

export const discardEmailAction = formAction("emails.write", async ({ ctx, input }) => {
  const email = await discardEmail({ ctx, input });
  refresh(email.id);
  return { status: "success", message: "Discarded." };
});

export const sendEmailNowAction = formAction("emails.write", async ({ ctx, input }) => {
  const result = await sendWinBackEmail({ ctx, input });
  refresh(typeof input.emailId === "string" ? input.emailId : undefined);
  if (result.outcome === "sent") return { status: "success", message: "Sent." };
  if (result.outcome === "deferred") return { status: "success", message: `It is night where the client lives; it goes out at ${result.until.toUTCString()}.` };
  return { status: "error", message: result.outcome === "blocked" ? `Not sent: ${result.reason}` : `Sending failed: ${result.error}`, fieldErrors: {}, values: {} };
});

export const sendDueEmailsAction = formAction("emails.review", async ({ ctx }) => {
  const counts = await sendDueEmails({ ctx, input: {} });
  refresh();
  return { status: "success", message: `${counts.sent} sent, ${counts.deferred} waiting for daytime, ${counts.blocked} blocked, ${counts.failed} failed.` };
});

export const updateEmailProfileAction = formAction("emails.write", async ({ ctx, input }) => {
  await updateEmailProfile({ ctx, input });
  revalidatePath("/emails");
  return { status: "success", message: "Signature and voice saved." };
});
