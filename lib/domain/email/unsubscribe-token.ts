import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Unsubscribe links carry a signed token naming the email, so nobody can unsubscribe someone else by guessing ids.
 * Tokens do not expire: an unsubscribe link must work for as long as the email sits in an inbox.
 */
export function signUnsubscribeToken(emailId: string, secret: string): string {
  return `${emailId}.${mac(emailId, secret)}`;
}

export function verifyUnsubscribeToken(token: string, secret: string): string | null {
  const [emailId, signature, ...rest] = token.split(".");
  if (!emailId || !signature || rest.length) return null;
  if (!/^[0-9a-f-]{36}$/i.test(emailId)) return null;
  const expected = Buffer.from(mac(emailId, secret));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? emailId : null;
}

function mac(emailId: string, secret: string): string {
  return createHmac("sha256", secret).update(`unsubscribe:${emailId}`).digest("base64url");
}
