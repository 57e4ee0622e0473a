import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { apiKeys, auditLog } from "@/lib/server/db/schema";
import { ConflictError, ForbiddenError } from "@/lib/server/errors";
import { listApiKeys } from "@/lib/server/data/admin";
import { userContext } from "@/test/fixtures";
import { authenticateApiKey } from "@/lib/server/auth/authenticate-api-key";
import { createApiKey } from "./create-api-key";
import { revokeApiKey } from "./revoke-api-key";

describe("API keys", () => {
  it("shows the key once, stores only its hash, authenticates it, and stops at revocation", async () => {
    const admin = await userContext("admin");
    const key = await createApiKey({ ctx: admin, input: { name: "Warehouse", scope: "orders:write" } });
    expect(key.token).toMatch(/^rk_[0-9a-f]{8}_/);
    expect(key.signingSecret).toMatch(/^whsec_/);
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(JSON.stringify(row)).not.toContain(key.token);
    expect(JSON.stringify(await db.select().from(auditLog))).not.toContain(key.token);

    expect((await authenticateApiKey(db, key.token))?.id).toBe(key.id);
    expect(await authenticateApiKey(db, `${key.token.slice(0, -1)}x`)).toBeNull();
    expect((await listApiKeys(admin))[0]?.lastUsedAt).toBeInstanceOf(Date);

    await revokeApiKey({ ctx: admin, input: { apiKeyId: key.id } });
    expect(await authenticateApiKey(db, key.token)).toBeNull();
    const actions = (await db.select({ action: auditLog.action }).from(auditLog)).map((a) => a.action);
    expect(actions).toEqual(["api_key.create", "api_key.revoke"]);
  });

  it("refuses a second active key of the same name, whatever its case, and frees the name when the key is revoked", async () => {
    const admin = await userContext("admin");
    const first = await createApiKey({ ctx: admin, input: { name: "Warehouse", scope: "orders:write" } });
    const again = createApiKey({ ctx: admin, input: { name: " warehouse ", scope: "ingest:all" } });
    await expect(again).rejects.toBeInstanceOf(ConflictError);
    await expect(again).rejects.toMatchObject({ field: "name", message: expect.stringContaining(first.prefix) });
    expect(await db.select().from(apiKeys)).toHaveLength(1);

    await revokeApiKey({ ctx: admin, input: { apiKeyId: first.id } });
    const replacement = await createApiKey({ ctx: admin, input: { name: "Warehouse", scope: "orders:write" } });
    expect(replacement.id).not.toBe(first.id);
  });

  it("is an admin-only power", async () => {
    const marketer = await userContext("marketer");
    await expect(createApiKey({ ctx: marketer, input: { name: "X", scope: "ingest:all" } })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
