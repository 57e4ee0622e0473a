import "server-only";
import { z } from "zod";
import { deriveSigningSecret, generateApiKeyToken } from "@/lib/domain/api-keys/tokens";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import { serverSecret } from "@/lib/server/auth/server-secret";
import type { VerbArgs } from "@/lib/server/context";
import { apiKeys, apiKeyScope } from "@/lib/server/db/schema";
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
    const [key] = await tx
      .insert(apiKeys)
      .values({ ...data, prefix, secretHash, createdBy: ctx.actor.type === "user" ? ctx.actor.id : null })
      .returning({ id: apiKeys.id, name: apiKeys.name, scope: apiKeys.scope, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt });
    if (!key) throw new Error("insert returned no row");
    await writeAudit(tx, ctx.actor, { action: "api_key.create", entityType: "api_key", entityId: key.id, after: key });
    return { ...key, token, signingSecret: deriveSigningSecret(serverSecret(), key.id) };
  });
}
