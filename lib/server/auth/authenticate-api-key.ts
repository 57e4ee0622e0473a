import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { apiKeyMatches, apiKeyPrefix } from "@/lib/domain/api-keys/tokens";
import type { Executor } from "@/lib/server/db/client";
import { apiKeys } from "@/lib/server/db/schema";

/** The active key a token belongs to, or null. Updates last-used at most once a minute to spare writes. */
export async function authenticateApiKey(db: Executor, token: string) {
  const prefix = apiKeyPrefix(token);
  if (!prefix) return null;
  const [key] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.prefix, prefix), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!key || !apiKeyMatches(token, key.secretHash)) return null;
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiKeys.id, key.id), sql`(${apiKeys.lastUsedAt} is null or ${apiKeys.lastUsedAt} < now() - interval '1 minute')`));
  return key;
}
