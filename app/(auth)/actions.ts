"use server";

import { AuthError } from "next-auth";
import { afterSignInPath } from "@/lib/domain/access/safe-next";
import { emailAddress } from "@/lib/domain/validation";
import type { ActionState } from "@/lib/forms/action-state";
import { signIn, signOut } from "@/lib/server/auth/auth";

const FAILED = "That email and password do not match an active account.";
const THROTTLED = "Too many failed sign-ins. Wait 15 minutes and try again.";


export async function signInWithPasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const email = String(formData.get("email") ?? "");
  try {
    await signIn("credentials", { email, password: String(formData.get("password") ?? ""), redirectTo: afterSignInPath(formData.get("next")) });
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
  const parsed = emailAddress("Enter a valid email address.").safeParse(String(formData.get("email") ?? "").trim().toLowerCase());
  if (!parsed.success) return { status: "error", message: "Enter a valid email address.", fieldErrors: { email: ["Enter a valid email address."] }, values: {} };
  try {
    await signIn("resend", { email: parsed.data, redirectTo: afterSignInPath(formData.get("next")) });
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
