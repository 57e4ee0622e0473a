import "server-only";
import { createElement } from "react";
import { WinBackEmail, winBackEmailText } from "@/emails/win-back-email";
import { paragraphsOf } from "@/lib/domain/email/draft-content";
import type { EmailPolicy } from "@/lib/domain/email/policy-settings";
import { signUnsubscribeToken } from "@/lib/domain/email/unsubscribe-token";
import type { WinBackSettings } from "@/lib/domain/email/win-back-settings";
import { env } from "@/lib/env";
import { serverSecret } from "@/lib/server/auth/server-secret";
import type { WinBackEmail as EmailRow } from "@/lib/server/db/schema";
import type { OutgoingEmail } from "@/lib/server/mail/send-email";
import { renderEmail } from "@/lib/server/mail/render";

/**
 * The email's unsubscribe page (the footer's link) and RFC 8058 one-click address (the header's). No mailto: nothing
 * here reads a mailbox, and an address that is not acted on would leave the client subscribed.
 */
export function unsubscribeUrls(emailId: string) {
  const token = signUnsubscribeToken(emailId, serverSecret());
  const base = env.APP_URL.replace(/\/$/, "");
  return {
    page: `${base}/unsubscribe/${encodeURIComponent(token)}`,
    oneClick: `${base}/api/unsubscribe/${encodeURIComponent(token)}`,
  };
}

/** The email as it leaves us: rendered HTML and text, our links, the RFC 8058 one-click headers and our id as a tag. */
export async function composeWinBack(email: EmailRow, signature: string, settings: WinBackSettings, policy: EmailPolicy): Promise<OutgoingEmail> {
  const urls = unsubscribeUrls(email.id);
  const ctaUrl = new URL(settings.bookingUrl);
  ctaUrl.searchParams.set("utm_source", "rekindle");
  ctaUrl.searchParams.set("utm_campaign", "win-back");
  const props = {
    brand: { name: settings.brandName, colour: settings.brandColour, accent: settings.accentColour },
    subject: email.subject,
    preheader: email.preheader,
    paragraphs: paragraphsOf(email.body),
    callToAction: email.callToAction,
    ctaUrl: ctaUrl.toString(),
    signature,
    unsubscribeUrl: urls.page,
  };
  const { html, text } = await renderEmail(createElement(WinBackEmail, props), winBackEmailText(props));
  return {
    to: [email.toAddress],
    from: `${policy.senderName.replace(/[<>"]/g, "")} <${policy.senderEmail}>`,
    subject: email.subject,
    html,
    text,
    idempotencyKey: `win-back-${email.id}`,
    headers: { "List-Unsubscribe": `<${urls.oneClick}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    tags: { email_id: email.id, kind: "win_back" },
  };
}
