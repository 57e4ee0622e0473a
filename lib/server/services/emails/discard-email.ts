import "server-only";
import { z } from "zod";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { assertShownAsIs, lockEmailInScope, moveEmail, shownAtField } from "./email-rules";
import { parseInput } from "@/lib/server/parse-input";

export const discardEmailSchema = z.object({
  emailId: z.uuid("Unknown email"),
  reason: z.string().trim().min(3, "Say why the email is discarded").max(500, "Keep the reason to 500 characters or fewer"),
  shownAt: shownAtField,
});

export async function discardEmail({ ctx, input }: VerbArgs<typeof discardEmailSchema>) {
  authorize(ctx.actor, "emails.write");
  const { emailId, reason, shownAt } = parseInput(discardEmailSchema, input);
  return ctx.db.transaction(async (tx) => {
    const email = await lockEmailInScope(tx, ctx.actor, emailId);
    assertShownAsIs(email, shownAt);
    const discarded = await moveEmail(tx, ctx.actor, email, "discarded", { reason, set: { discardReason: reason } });
    await writeAudit(tx, ctx.actor, { action: "email.discard", entityType: "email", entityId: emailId, before: { state: email.state }, after: { state: "discarded", reason } });
    return discarded;
  });
}
