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
      sendVerificationRequest: ({ identifier, url }) => sendMagicLinkEmail({ to: identifier, url: atAppOrigin(url) }),
    }),
  ];
}

/**
 * The link, and the page it leads to after sign-in, at APP_URL's origin. Auth.js builds both from the request's Host
 * (or X-Forwarded-Host), which whoever asks for a link chooses: a link to their own site would hand them the token
 * when the person signs in. The token works at any origin, and the page is a path the redirect callback checked.
 */
function atAppOrigin(link: string): string {
  const app = new URL(env.APP_URL);
  const url = onOrigin(new URL(link), app);
  const next = url.searchParams.get("callbackUrl");
  if (next && URL.canParse(next)) url.searchParams.set("callbackUrl", onOrigin(new URL(next), app).toString());
  return url.toString();
}

function onOrigin(url: URL, origin: URL): URL {
  url.protocol = origin.protocol;
  url.host = origin.host;
  return url;
}
