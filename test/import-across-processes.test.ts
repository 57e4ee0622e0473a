import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { POST as finish } from "@/app/api/imports/[jobId]/finish/route";
import { PUT as putPart } from "@/app/api/imports/[jobId]/parts/[part]/route";
import { POST as openUpload } from "@/app/api/imports/uploads/route";
import type { UserActor } from "@/lib/domain/access/policy";
import { db } from "@/lib/server/db/client";
import { importJobs, orders } from "@/lib/server/db/schema";
import { startImport } from "@/lib/server/services/imports/start-import";
import { userContext } from "./fixtures";

// This process receives the upload; it serves no /api/inngest and ticks no engine, so whatever checks and imports
// the file runs in the other process, reading the upload from the database.
const session = vi.hoisted(() => ({ actor: null as UserActor | null }));
vi.mock("@/lib/server/auth/session", () => ({ currentActor: async () => session.actor }));

const root = path.resolve(import.meta.dirname, "..");
let other: ChildProcess | null = null;

/** The second instance, in a process of its own on the same database, once it has synced its functions. */
async function startOtherInstance(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "test/processes/engine-instance.ts"], { cwd: root, env: { ...process.env }, stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  while (!output.includes("ready")) {
    if (child.exitCode !== null) throw new Error(`the other instance stopped (${child.exitCode}): ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return child;
}

afterEach(async () => {
  if (other && other.exitCode === null) {
    other.kill("SIGTERM");
    await once(other, "exit");
  }
  other = null;
});

async function jobStatus(jobId: string) {
  const [job] = await db.select({ status: importJobs.status, validRows: importJobs.validRows, importedRows: importJobs.importedRows }).from(importJobs).where(eq(importJobs.id, jobId));
  return job;
}

/** Waits (without a time limit of its own: the test's applies) until the other process has moved the job on. */
async function until(jobId: string, status: "ready" | "done") {
  for (;;) {
    const job = await jobStatus(jobId);
    if (job?.status === status || job?.status === "failed") return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const CSV = ["external_id,client_email,ordered_at,items_shipped,items_kept,value", "X-1,ada@example.com,2026-05-01T10:00:00Z,5,2,129.50", "X-2,bo@example.com,2026-05-02T10:00:00Z,3,1,20"].join("\n");

describe("a CSV import across server processes", () => {
  // Generous: the other process compiles the app's server code with tsx before it is ready.
  it("is uploaded through one process and checked and imported by another", { timeout: 180_000 }, async () => {
    other = await startOtherInstance();
    const ctx = await userContext("marketer");
    session.actor = ctx.actor;
    const bytes = new TextEncoder().encode(CSV);
    const opened = (await (await openUpload(new Request(`http://localhost/api/imports/uploads?kind=orders&name=x.csv&bytes=${bytes.length}`, { method: "POST" }))).json()) as { jobId: string };
    const params = Promise.resolve({ jobId: opened.jobId, part: "0" });
    expect((await putPart(new Request("http://localhost", { method: "PUT", body: bytes }), { params })).status).toBe(200);
    expect((await finish(new Request("http://localhost", { method: "POST" }), { params })).status).toBe(200);

    expect(await until(opened.jobId, "ready")).toMatchObject({ status: "ready", validRows: 2 });
    await startImport({ ctx, input: { jobId: opened.jobId } });
    expect(await until(opened.jobId, "done")).toMatchObject({ status: "done", importedRows: 2 });
    expect(await db.select({ externalId: orders.externalId, valueCents: orders.valueCents }).from(orders).orderBy(asc(orders.externalId))).toEqual([
      { externalId: "X-1", valueCents: 12_950 },
      { externalId: "X-2", valueCents: 2_000 },
    ]);
  });
});
