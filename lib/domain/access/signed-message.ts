import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * A message the app hands itself through a URL (an error carried by a redirect's query), signed for one purpose, so a
 * link from elsewhere cannot make the app show words of its own choosing ("your session expired, sign in at …").
 */
export function signMessage(message: string, purpose: string, secret: string): string {
  return createHmac("sha256", secret).update(`${purpose}:${message}`).digest("base64url");
}

/** Whether `signature` is the app's own for `message` and `purpose` (see signMessage). */
export function isSignedMessage(message: string, signature: string, purpose: string, secret: string): boolean {
  const expected = Buffer.from(signMessage(message, purpose, secret));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
