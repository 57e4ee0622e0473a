import "server-only";
import { createHash } from "node:crypto";
import { sendEmail } from "./send-email";

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export async function sendMagicLinkEmail({ to, url }: { to: string; url: string }) {
  const link = escapeHtml(url);
  await sendEmail({
    to: [to],
    subject: "Your Rekindle sign-in link",
    html: `<p>Click to sign in to Rekindle. The link works once and expires in 15 minutes.</p><p><a href="${link}">Sign in to Rekindle</a></p><p>If you did not ask for this, ignore this email.</p>`,
    text: `Sign in to Rekindle: ${url}\n\nThe link works once and expires in 15 minutes. If you did not ask for this, ignore this email.`,
    idempotencyKey: `magic-link-${createHash("sha256").update(url).digest("hex").slice(0, 32)}`,
  });
}
