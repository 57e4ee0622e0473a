"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import type { ActionState } from "@/lib/forms/action-state";
import { formDataToObject } from "@/lib/server/actions/form-action";
import { signIn, signOut } from "@/lib/server/auth/auth";

const FAILED = "That email and password do not match an active account.";
const THROTTLED = "Too many failed sign-ins. Wait 15 minutes and try again.";

/** Only same-site paths may be a post-sign-in destination. */
const nextPath = z
  .string()
  .catch("")
  .transform((text) => (text.startsWith("/") && !text.startsWith("//") ? text : "/clients"));

// Sign-in forms never fail validation: whatever is missing is simply wrong credentials, answered as such.
const passwordSignInSchema = z.object({ email: z.string().catch(""), password: z.string().catch(""), next: nextPath });
const magicLinkSchema = z.object({ email: z.string().catch(""), next: nextPath });

export async function signInWithPasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const { email, password, next } = passwordSignInSchema.parse(formDataToObject(formData));
  try {
    await signIn("credentials", { email, password, redirectTo: next });
    return { status: "success", message: "Signed in." };
  } catch (error) {
    if (error instanceof AuthError) {
      const throttled = (error as AuthError & { code?: string }).code === "throttled";
      return { status: "error", message: throttled ? THROTTLED : FAILED, fieldErrors: {}, values: { email } };
    }
    throw error; // the redirect after a successful sign-in
  }
}

export async function sendMagicLinkAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const form = magicLinkSchema.parse(formDataToObject(formData));
  const parsed = z.email().safeParse(form.email.trim().toLowerCase());
  if (!parsed.success) return { status: "error", message: "Enter a valid email address.", fieldErrors: { email: ["Enter a valid email address."] }, values: {} };
  try {
    await signIn("resend", { email: parsed.data, redirectTo: form.next });
  } catch (error) {
    // A refused address (unknown or deactivated) gets the same answer as a sent link, so accounts cannot be discovered.
    if (error instanceof AuthError) return { status: "success", message: "If that address has an account, a sign-in link is on its way." };
    throw error;
  }
  return { status: "success", message: "If that address has an account, a sign-in link is on its way." };
}

export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}
