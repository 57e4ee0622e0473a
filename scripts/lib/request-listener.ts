import type { IncomingMessage, ServerResponse } from "node:http";
import type { ProxyTrust } from "@/lib/domain/access/client-address";
import { env } from "@/lib/env";
import { forwardClientAddress } from "@/lib/server/auth/request-ip";
import { serveWebhook } from "./webhook-lane";

/**
 * What `npm start` does with each request: fix the caller's address from the connection first (a client
 * cannot pick its own X-Forwarded-For), then the webhook lane or Next.js.
 */
export function appRequestListener(handle: (req: IncomingMessage, res: ServerResponse) => unknown, trusted: ProxyTrust = env.TRUSTED_PROXY) {
  return (req: IncomingMessage, res: ServerResponse) => {
    forwardClientAddress(req, trusted);
    if (!serveWebhook(req, res)) void handle(req, res);
  };
}
