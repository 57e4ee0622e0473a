import { isSignedMessage, signMessage } from "@/lib/domain/access/signed-message";

/**
 * Unsubscribe links carry a signed token naming the email, so nobody can unsubscribe someone else by guessing ids.
 * Tokens do not expire: an unsubscribe link must work for as long as the email sits in an inbox.
 */
const PURPOSE = "unsubscribe";

export function signUnsubscribeToken(emailId: string, secret: string): string {
  return `${emailId}.${signMessage(emailId, PURPOSE, secret)}`;
}

export function verifyUnsubscribeToken(token: string, secret: string): string | null {
  const [emailId, signature, ...rest] = token.split(".");
  if (!emailId || !signature || rest.length) return null;
  if (!/^[0-9a-f-]{36}$/i.test(emailId)) return null;
  return isSignedMessage(emailId, signature, PURPOSE, secret) ? emailId : null;
}
