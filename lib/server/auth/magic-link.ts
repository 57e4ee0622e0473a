import "server-only";
import Resend from "next-auth/providers/resend";
import { env } from "@/lib/env";
import { sendMagicLinkEmail } from "@/lib/server/mail/magic-link-email";

/** Whether people can sign in by email link: only with Resend configured. */
export function magicLinksEnabled(): boolean {
  return Boolean(env.RESEND_API_KEY);
}

/** Email magic links through Resend, offered only when RESEND_API_KEY is set. */
export function magicLinkProviders() {
  if (!env.RESEND_API_KEY) return [];
  return [
    Resend({
      apiKey: env.RESEND_API_KEY,
      from: env.EMAIL_FROM,
      maxAge: 15 * 60,
      sendVerificationRequest: ({ identifier, url }) => sendMagicLinkEmail({ to: identifier, url }),
    }),
  ];
}
