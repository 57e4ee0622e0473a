import "server-only";
import type { ServiceContext } from "@/lib/server/context";
import type { WinBackEmail } from "@/lib/server/db/schema";
import { readSettings } from "@/lib/server/data/settings";
import { composeWinBack } from "./compose-win-back";

/** The email exactly as it would be sent now: HTML, text and headers. */
export async function previewWinBack(ctx: ServiceContext, email: WinBackEmail, signature: string) {
  const [winBack, policy] = await Promise.all([readSettings(ctx.db, "win_back"), readSettings(ctx.db, "email_policy")]);
  return composeWinBack(email, signature, winBack, policy);
}
