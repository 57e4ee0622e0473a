import "server-only";
import { and, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { deriveSigningSecret, generateApiKeyToken } from "@/lib/domain/api-keys/tokens";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import { serverSecret } from "@/lib/server/auth/server-secret";
import type { VerbArgs } from "@/lib/server/context";
import { apiKeys, apiKeyScope } from "@/lib/server/db/schema";
import type { Executor } from "@/lib/server/db/client";
import { ConflictError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, "Name the key after the system that uses it").max(80, "Keep the name to 80 characters or fewer"),
  scope: z.enum(apiKeyScope.enumValues, "Choose a scope from the list"),
});

/** Creates a key and returns it with its signing secret: the only time either is shown. */
export async function createApiKey({ ctx, input }: VerbArgs<typeof createApiKeySchema>) {
  authorize(ctx.actor, "apiKeys.manage");
  const data = parseInput(createApiKeySchema, input);
  const { token, prefix, secretHash } = generateApiKeyToken();
  return ctx.db.transaction(async (tx) => {
    await assertNameFree(tx, data.name);
    const [key] = await tx
      .insert(apiKeys)
      .values({ ...data, prefix, secretHash, createdBy: ctx.actor.type === "user" ? ctx.actor.id : null })
      .returning({ id: apiKeys.id, name: apiKeys.name, scope: apiKeys.scope, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt });
    if (!key) throw new Error("insert returned no row");
    await writeAudit(tx, ctx.actor, { action: "api_key.create", entityType: "api_key", entityId: key.id, after: key });
    return { ...key, token, signingSecret: deriveSigningSecret(serverSecret(), key.id) };
  });
}

/**
 * Two active keys with one name cannot be told apart when one must be revoked (the list and the audit log name
 * them). A revoked key's name is free again, for its replacement. Serialised so two admins cannot both take it.
 */
async function assertNameFree(tx: Executor, name: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('api-keys:name'))`);
  const [taken] = await tx
    .select({ prefix: apiKeys.prefix })
    .from(apiKeys)
    .where(and(isNull(apiKeys.revokedAt), sql`lower(${apiKeys.name}) = lower(${name})`))
    .limit(1);
  if (taken) throw new ConflictError(`An active key (${taken.prefix}) is already named "${name}". Name this one after the system that uses it, or revoke the old key first.`, "name");
}
