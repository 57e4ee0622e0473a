import "server-only";
import { env } from "@/lib/env";

/** The server's own secret (AUTH_SECRET), for signing and deriving keys. */
export function serverSecret(): string {
  if (!env.AUTH_SECRET) throw new Error("AUTH_SECRET is not set. `npm run dev` and `npm start` generate one for local use; set it in production.");
  return env.AUTH_SECRET;
}
