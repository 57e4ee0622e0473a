"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import type { ActionState } from "@/lib/forms/action-state";
import { signIn, signOut } from "@/lib/server/auth/auth";

const FAILED = "That email and password do not match an active account.";
const THROTTLED = "Too many failed sign-ins. Wait 15 minutes and try again.";

/** Only same-site paths may be a post-sign-in destination. */
function safeNext(next: FormDataEntryValue | null): string {
  const text = typeof next === "string" ? next : "";
  return text.startsWith("/") && !text.startsWith("//") ? text : "/clients";
}

export async function signInWithPasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const email = String(formData.get("email") ?? "");
  try {
    await signIn("credentials", { email, password: String(formData.get("password") ?? ""), redirectTo: safeNext(formData.get("next")) });
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
  const parsed = z.email().safeParse(String(formData.get("email") ?? "").trim().toLowerCase());
  if (!parsed.success) return { status: "error", message: "Enter a valid email address.", fieldErrors: { email: ["Enter a valid email address."] }, values: {} };
  try {
    await signIn("resend", { email: parsed.data, redirectTo: safeNext(formData.get("next")) });
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
