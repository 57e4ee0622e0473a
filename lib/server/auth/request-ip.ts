import "server-only";
import type { IncomingMessage } from "node:http";
import { normaliseAddress, type ProxyTrust, resolveClientAddress } from "@/lib/domain/access/client-address";
import { env } from "@/lib/env";

type HeaderGetter = (name: string) => string | null;

/**
 * The caller's address for per-address limits. On Vercel it is the platform's own header (Vercel sets it
 * and overwrites whatever the client sent). Elsewhere it is the one address the socket-owning server
 * (scripts/serve.ts, through forwardClientAddress) wrote into X-Forwarded-For; "unknown" groups callers we
 * cannot tell apart.
 */
export function clientIp(headers: Headers | HeaderGetter, trusted: ProxyTrust = env.TRUSTED_PROXY): string {
  const header: HeaderGetter = typeof headers === "function" ? headers : (name) => headers.get(name);
  if (trusted.kind === "vercel") {
    const platform = header("x-vercel-forwarded-for")?.split(",")[0]?.trim();
    return platform ? normaliseAddress(platform) : "unknown";
  }
  const last = header("x-forwarded-for")?.split(",").at(-1)?.trim();
  return last ? normaliseAddress(last) : "unknown";
}

/**
 * For the server that owns the connection: replaces X-Forwarded-For with the caller's address as we
 * believe it (the socket's, or what TRUSTED_PROXY's proxies reported), so nothing downstream can read an
 * address the client chose. Not used on Vercel, where the platform does this.
 */
export function forwardClientAddress(req: IncomingMessage, trusted = env.TRUSTED_PROXY): void {
  const forwarded = req.headers["x-forwarded-for"];
  const address = resolveClientAddress({
    socketAddress: req.socket.remoteAddress,
    forwardedFor: Array.isArray(forwarded) ? forwarded.join(",") : forwarded,
    trusted,
  });
  req.headers["x-forwarded-for"] = address;
  delete req.headers["x-real-ip"];
  delete req.headers["x-vercel-forwarded-for"];
}
