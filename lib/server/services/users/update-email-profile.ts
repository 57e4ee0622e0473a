import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { users } from "@/lib/server/db/schema";
import { ForbiddenError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";

export const emailProfileSchema = z.object({
  emailSignature: z.string().trim().max(300, "Keep the signature to 300 characters or fewer").default(""),
  voiceNote: z.string().trim().max(300, "Keep the voice note to 300 characters or fewer").default(""),
});

/** A person's own sign-off under their emails and a short note on their voice for the writer. */
export async function updateEmailProfile({ ctx, input }: VerbArgs<typeof emailProfileSchema>) {
  authorize(ctx.actor, "emails.write");
  if (ctx.actor.type !== "user") throw new ForbiddenError("Only a person has an email signature.");
  const actor = ctx.actor;
  const profile = parseInput(emailProfileSchema, input);
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select({ emailSignature: users.emailSignature, voiceNote: users.voiceNote }).from(users).where(eq(users.id, actor.id)).for("update");
    await tx.update(users).set(profile).where(eq(users.id, actor.id));
    await writeAudit(tx, actor, { action: "user.email_profile", entityType: "user", entityId: actor.id, before, after: profile });
    return profile;
  });
}
