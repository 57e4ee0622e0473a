import "server-only";
import { createHash } from "node:crypto";
import { createElement } from "react";
import { SignInEmail } from "@/emails/sign-in-email";
import { DEFAULT_WIN_BACK_SETTINGS } from "@/lib/domain/email/win-back-settings";
import { renderEmail } from "./render";
import { sendEmail } from "./send-email";

export async function sendMagicLinkEmail({ to, url }: { to: string; url: string }) {
  const brand = { name: "Rekindle", colour: DEFAULT_WIN_BACK_SETTINGS.brandColour, accent: DEFAULT_WIN_BACK_SETTINGS.accentColour };
  const { html, text } = await renderEmail(createElement(SignInEmail, { brand, url }));
  await sendEmail({
    to: [to],
    subject: "Your Rekindle sign-in link",
    html,
    text,
    idempotencyKey: `magic-link-${createHash("sha256").update(url).digest("hex").slice(0, 32)}`,
  });
}
