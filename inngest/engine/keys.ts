import "server-only";
import { createHash, createHmac } from "node:crypto";
import { env } from "@/lib/env";

/**
 * The embedded engine's keys, derived from AUTH_SECRET so every instance of the app agrees on them without
 * another setting: the signing key signs the engine's calls to /api/inngest (verified by the SDK exactly as
 * Inngest's are), the event key names the engine's event endpoint.
 */
function derived(purpose: string): string | undefined {
  if (!env.AUTH_SECRET) return undefined;
  return createHmac("sha256", env.AUTH_SECRET).update(`rekindle-inngest-engine:${purpose}`).digest("hex");
}

export function embeddedSigningKey(): string | undefined {
  const key = derived("signing-key");
  return key && `signkey-embedded-${key}`;
}

export function embeddedEventKey(): string | undefined {
  return derived("event-key");
}

/** What the SDK sends as `Authorization: Bearer …` to an Inngest API: the signing key with its secret part hashed. */
export function hashedSigningKey(signingKey: string): string {
  const prefix = /^signkey-\w+-/.exec(signingKey)?.[0] ?? "";
  return `${prefix}${createHash("sha256").update(Buffer.from(signingKey.slice(prefix.length), "hex")).digest("hex")}`;
}

/** The URL of the app's /api/inngest, where the engine calls the functions. */
export function serveUrl(): string {
  return env.INNGEST_SERVE_URL ?? new URL("/api/inngest", env.APP_URL).toString();
}

/**
 * The engine's API origin, as the SDK sees it: the app's own origin. The SDK posts syncs to `/fn/register`
 * and events to `/e/<key>` there; next.config.ts rewrites both to /api/inngest/engine/.
 */
export function engineBaseUrl(): string {
  return new URL("/", serveUrl()).toString();
}

/** Whether a URL is one of the engine's endpoints at the app's origin (so this process can answer it itself). */
export function isEngineUrl(url: string): boolean {
  const base = engineBaseUrl();
  if (!url.startsWith(base)) return false;
  const path = url.slice(base.length - 1);
  return path.startsWith("/e/") || path.startsWith("/fn/register") || path.startsWith("/api/inngest/engine/");
}
