"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/server/actions/form-action";
import { formatTime } from "@/lib/domain/time/format";
import { displayTimeZone } from "@/lib/server/http/viewer-time-zone";
import { approveEmail, approveEmails } from "@/lib/server/services/emails/approve-email";
import { discardEmail, discardEmailSchema } from "@/lib/server/services/emails/discard-email";
import { editEmail, editEmailSchema } from "@/lib/server/services/emails/edit-email";
import { sendDueEmails } from "@/lib/server/services/emails/send-due-emails";
import { sendSchema, sendWinBackEmail } from "@/lib/server/services/emails/send-win-back-email";
import { emailProfileSchema, updateEmailProfile } from "@/lib/server/services/users/update-email-profile";

function refresh(emailId?: string) {
  revalidatePath("/emails");
  if (emailId) revalidatePath(`/emails/${emailId}`);
}

/** When an email goes out, in the viewer's own time (the page's other times are in it too). */
const goesOutAt = async (at: Date) => formatTime(at, await displayTimeZone(), "datetime");

const approvedMessage = async (email: { scheduledFor: Date | null }) =>
  `Approved. It goes out ${email.scheduledFor && email.scheduledFor > new Date() ? `at ${await goesOutAt(email.scheduledFor)}` : "with the next send"}.`;

/** The editor's two buttons: "Save draft", and "Approve", which saves what is in the fields first, so approving never sends older words than the ones on screen. */
const editorSchema = editEmailSchema.and(z.object({ intent: z.enum(["save", "approve"]).default("save") }));

export const editEmailAction = formAction("emails.write", editorSchema, async ({ ctx, input }) => {
  const saved = await editEmail({ ctx, input });
  // The saved words reach the page whatever the approval answers: a refusal must not leave it showing the email as
  // it was before this save (its next save would be refused as changed since).
  refresh(saved.id);
  // The approval applies to the words just saved (or found unchanged), not to an edit another tab made in between.
  const email = input.intent === "approve" ? await approveEmail({ ctx, input: { emailId: saved.id, shownAt: saved.updatedAt } }) : saved;
  return { status: "success", message: input.intent === "approve" ? await approvedMessage(email) : "Draft saved." };
});


/** The queue's checkboxes (none ticked is no field at all, which the verb answers by name), and when each draft was shown. */
const bulkSchema = z.object({ emailIds: z.array(z.string()).default([]), shownAt: z.record(z.string(), z.string()).default({}) });

export const approveEmailsAction = formAction("emails.write", bulkSchema, async ({ ctx, input }) => {
  const result = await approveEmails({ ctx, input });
  refresh();
  const skipped = result.skipped.length ? `, ${result.skipped.length} skipped (no longer drafts)` : "";
  const changed = result.changed.length
    ? `, ${result.changed.length} not approved: ${result.changed.length === 1 ? "it was" : "they were"} edited after this page showed ${result.changed.length === 1 ? "it" : "them"}; open ${result.changed.length === 1 ? "it" : "them"} to review the new words`
    : "";
  const missing = result.missing.length ? `, ${result.missing.length} not found` : "";
  return { status: "success", message: `${result.approved} approved${skipped}${changed}${missing}.` };
});

export const discardEmailAction = formAction("emails.write", discardEmailSchema, async ({ ctx, input }) => {
  const email = await discardEmail({ ctx, input });
  refresh(email.id);
  return { status: "success", message: "Discarded." };
});

export const sendEmailNowAction = formAction("emails.write", sendSchema, async ({ ctx, input }) => {
  const result = await sendWinBackEmail({ ctx, input });
  refresh(input.emailId);
  if (result.outcome === "sent") return { status: "success", message: "Sent." };
  if (result.outcome === "deferred") return { status: "success", message: `It is outside the client's sending hours where they live; it goes out at ${await goesOutAt(result.until)}.` };
  const message = result.outcome === "blocked" ? `Not sent: ${result.reason}` : result.outcome === "skipped" ? `Not sent: the email is ${result.state} already.` : `Sending failed: ${result.error}`;
  return { status: "error", message, fieldErrors: {}, values: {} };
});

export const sendDueEmailsAction = formAction("emails.review", z.object({}), async ({ ctx }) => {
  const { queued } = await sendDueEmails({ ctx, input: {} });
  refresh();
  return { status: "success", message: queued === 0 ? "Nothing is due yet: approved emails wait for their client's sending hours." : `${queued} due ${queued === 1 ? "email is" : "emails are"} on their way, at the configured rate.` };
});

export const updateEmailProfileAction = formAction("emails.write", emailProfileSchema, async ({ ctx, input }) => {
  await updateEmailProfile({ ctx, input });
  revalidatePath("/emails");
  return { status: "success", message: "Signature and voice saved." };
});
