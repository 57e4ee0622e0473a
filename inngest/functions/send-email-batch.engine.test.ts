import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { engineRuns, localMailbox, winBackEmails } from "@/lib/server/db/schema";
import { approvedEmailsDueNow } from "@/test/email-fixtures";
import { drainEngine, serveInngestForEachTest } from "@/test/inngest-engine";

// Approval to delivery driven by the embedded engine over /api/inngest, as in production: send-email per email, then
// send-email-batch taking the due emails together.
serveInngestForEachTest();

const runsOf = (functionId: string) => db.select({ status: engineRuns.status }).from(engineRuns).where(eq(engineRuns.functionId, `rekindle-${functionId}`));

describe("sending approved emails through the engine", () => {
  it("sends emails due together in one batch run, each once", async () => {
    const { ids } = await approvedEmailsDueNow(3);
    // The engine's clock stands still while the three send-email runs hand their emails over, however long a loaded
    // machine takes between them, then moves past the batch's window: the batch is what the window gathered.
    const at = Date.now() + 60_000;
    await drainEngine({ now: () => new Date(at) });
    await drainEngine({ now: () => new Date(at + 5_000) });
    expect((await runsOf("send-email")).map((r) => r.status)).toEqual(["completed", "completed", "completed"]);
    expect((await runsOf("send-email-batch")).map((r) => r.status)).toEqual(["completed"]);
    const rows = await db.select({ state: winBackEmails.state, batch: winBackEmails.sendBatch }).from(winBackEmails).where(inArray(winBackEmails.id, ids));
    expect(rows.map((r) => r.state)).toEqual(["sent", "sent", "sent"]);
    expect(new Set(rows.map((r) => r.batch)).size).toBe(1);
    expect((await db.select({ tags: localMailbox.tags }).from(localMailbox)).map((m) => m.tags?.email_id).sort()).toEqual(ids);
  });
});
