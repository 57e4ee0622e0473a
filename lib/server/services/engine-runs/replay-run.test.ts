import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { auditLog, engineRuns } from "@/lib/server/db/schema";
import { ConflictError, ForbiddenError } from "@/lib/server/errors";
import { listEngineRuns } from "@/lib/server/data/engine-runs";
import { userContext } from "@/test/fixtures";
import { replayRun } from "./replay-run";

async function run(status: "failed" | "completed") {
  const [row] = await db
    .insert(engineRuns)
    .values({ appId: "rekindle", functionId: "rekindle-process-import", functionName: "Process a CSV import", status, maxAttempts: 4, events: [{ id: "e1", name: "rekindle/import.uploaded", data: {} }], error: status === "failed" ? { name: "Error", message: "boom" } : null })
    .returning();
  if (!row) throw new Error("no run");
  return row;
}

describe("replayRun", () => {
  it("queues a failed run again with the same events, marked as a replay, and audits it", async () => {
    const admin = await userContext("admin");
    const failed = await run("failed");
    const replay = await replayRun({ ctx: admin, input: { runId: failed.id } });
    expect(replay).toMatchObject({ status: "queued", replayOf: failed.id, functionId: failed.functionId, events: failed.events, attempt: 0 });
    expect(await db.$count(auditLog, eq(auditLog.action, "engine_run.replay"))).toBe(1);
    const listed = await listEngineRuns(admin);
    expect(listed.map((r) => [r.status, r.replayOf])).toEqual([
      ["queued", failed.id],
      ["failed", null],
    ]);
    expect((await listEngineRuns(admin, "failed")).map((r) => r.id)).toEqual([failed.id]);
  });

  it("refuses a run that did not fail, and anyone but an admin", async () => {
    const admin = await userContext("admin");
    await expect(replayRun({ ctx: admin, input: { runId: (await run("completed")).id } })).rejects.toBeInstanceOf(ConflictError);
    const failed = await run("failed");
    for (const role of ["marketer", "stylist"] as const) {
      await expect(replayRun({ ctx: await userContext(role), input: { runId: failed.id } })).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});
