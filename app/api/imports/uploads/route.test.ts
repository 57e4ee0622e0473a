import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import type { UserActor } from "@/lib/domain/access/policy";
import { db } from "@/lib/server/db/client";
import { auditLog, clients, importFileParts, importJobs, orders } from "@/lib/server/db/schema";
import { startImport } from "@/lib/server/services/imports/start-import";
import { userContext } from "@/test/fixtures";
import { drainEngine, serveInngestForEachTest } from "@/test/inngest-engine";
import { POST as finish } from "../[jobId]/finish/route";
import { PUT as putPart } from "../[jobId]/parts/[part]/route";
import { GET as getJob } from "../[jobId]/route";
import { POST as uploadWhole } from "../route";
import { POST as openUpload } from "./route";

// Parts of 64 bytes: a small file then goes up in many parts, as a large one does in parts of 4 MiB.
vi.mock("@/lib/domain/ingest/upload-parts", async (importOriginal) => ({ ...(await importOriginal<object>()), UPLOAD_PART_BYTES: 64 }));

serveInngestForEachTest();
const session = vi.hoisted(() => ({ actor: null as UserActor | null }));
vi.mock("@/lib/server/auth/session", () => ({ currentActor: async () => session.actor }));

const CSV = [
  "external_id,client_email,client_name,ordered_at,items_shipped,items_kept,value,status",
  ...Array.from({ length: 12 }, (_, i) => `P-${i},client${i % 5}@example.com,Client ${i % 5},2026-0${1 + (i % 9)}-1${i % 10}T10:00:00Z,5,${i % 6},${(i * 17.25).toFixed(2)},shipped`),
  "P-bad,not-an-email,X,2026-05-03,5,7,12,shipped",
].join("\n");
const BYTES = new TextEncoder().encode(CSV);

const jobRoute = (jobId: string) => ({ params: Promise.resolve({ jobId }) });
const part = (jobId: string, index: number, body: Uint8Array<ArrayBuffer>) =>
  putPart(new Request(`http://localhost/api/imports/${jobId}/parts/${index}`, { method: "PUT", body }), { params: Promise.resolve({ jobId, part: String(index) }) });

async function open(bytes = BYTES.length) {
  const response = await openUpload(new Request(`http://localhost/api/imports/uploads?kind=orders&name=parts.csv&bytes=${bytes}`, { method: "POST" }));
  expect(response.status).toBe(201);
  return (await response.json()) as { jobId: string; partBytes: number; parts: number };
}

const slice = (index: number) => BYTES.slice(index * 64, (index + 1) * 64);

/** Checks and imports a job, then answers what it stored. */
async function importAndRead(jobId: string) {
  await drainEngine();
  const checked = (await (await getJob(new Request("http://localhost"), jobRoute(jobId))).json()) as Record<string, unknown>;
  const { ctx } = { ctx: await userContext("marketer") };
  await startImport({ ctx, input: { jobId } });
  await drainEngine();
  const stored = await db
    .select({ externalId: orders.externalId, email: clients.email, orderedAt: orders.orderedAt, kept: orders.itemsKept, valueCents: orders.valueCents })
    .from(orders)
    .innerJoin(clients, eq(clients.id, orders.clientId))
    .orderBy(asc(orders.externalId));
  const { id: _id, createdAt: _c, finishedAt: _f, fileName: _n, ...figures } = checked;
  return { figures, stored };
}

describe("CSV upload in parts", () => {
  it("imports the same rows as a one-request upload, a part sent twice stored once", async () => {
    session.actor = (await userContext("marketer")).actor;
    const { jobId, partBytes, parts } = await open();
    expect({ partBytes, parts }).toEqual({ partBytes: 64, parts: Math.ceil(BYTES.length / 64) });

    // Out of order, part 1 sent twice (its first answer lost), the last part shorter.
    for (const index of [1, 0, ...Array.from({ length: parts - 1 }, (_, i) => i + 1)]) expect((await part(jobId, index, slice(index))).status).toBe(200);
    expect(await db.$count(importFileParts, eq(importFileParts.jobId, jobId))).toBe(parts);
    const finished = await finish(new Request("http://localhost", { method: "POST" }), jobRoute(jobId));
    expect(finished.status).toBe(200);
    expect(await finished.json()).toMatchObject({ id: jobId, status: "validating", fileBytes: BYTES.length });
    const inParts = await importAndRead(jobId);
    expect(inParts.figures).toMatchObject({ status: "ready", validRows: 12, invalidRows: 1, totalRows: 13 });
    expect(inParts.stored).toHaveLength(12);

    // The same file in one request, on an empty database, stores the same rows.
    await db.execute(sql`truncate orders, clients cascade`);
    const whole = await uploadWhole(new Request("http://localhost/api/imports?kind=orders&name=whole.csv", { method: "POST", body: BYTES }));
    expect(whole.status).toBe(201);
    const single = await importAndRead(((await whole.json()) as { id: string }).id);
    expect(single).toEqual(inParts);
  });

  it("finishes only a whole file: names the missing parts, refuses a part of the wrong size, and starts checking once", async () => {
    session.actor = (await userContext("admin")).actor;
    const { jobId, parts } = await open();
    expect((await part(jobId, 0, slice(0))).status).toBe(200);
    const early = await finish(new Request("http://localhost", { method: "POST" }), jobRoute(jobId));
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: string }).error).toContain(`1 of ${parts} parts`);

    const short = await part(jobId, 1, slice(1).slice(0, 10));
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({ fieldErrors: { part: ["Part 1 should be 64 bytes; 10 arrived"] } });
    expect((await part(jobId, 1, BYTES.slice(0, 65))).status).toBe(413);
    expect((await part(jobId, parts, slice(0))).status).toBe(400);

    for (let i = 1; i < parts; i++) await part(jobId, i, slice(i));
    for (let attempt = 0; attempt < 2; attempt++) expect((await finish(new Request("http://localhost", { method: "POST" }), jobRoute(jobId))).status).toBe(200);
    expect(await db.$count(auditLog, eq(auditLog.entityId, jobId))).toBe(1);
    expect((await part(jobId, 0, slice(0))).status).toBe(409);
    await drainEngine();
    const [job] = await db.select({ status: importJobs.status, validRows: importJobs.validRows }).from(importJobs).where(eq(importJobs.id, jobId));
    expect(job).toEqual({ status: "ready", validRows: 12 });
  });

  it("refuses an empty or oversized upload, and people without the import permission", async () => {
    session.actor = (await userContext("marketer")).actor;
    const empty = await openUpload(new Request("http://localhost/api/imports/uploads?kind=orders&name=x.csv&bytes=0", { method: "POST" }));
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ fieldErrors: { bytes: ["The file is empty"] } });
    expect((await openUpload(new Request(`http://localhost/api/imports/uploads?kind=orders&bytes=${2 ** 40}`, { method: "POST" }))).status).toBe(400);
    session.actor = (await userContext("stylist")).actor;
    expect((await openUpload(new Request("http://localhost/api/imports/uploads?kind=orders&bytes=10", { method: "POST" }))).status).toBe(403);
  });
});
