import { describe, expect, it } from "vitest";
import postgres from "postgres";
import { env } from "@/lib/env";
import { db } from "@/lib/server/db/client";
import { BinaryCopyRows, BinaryCopyWriter, encodedText, uuidFromBytes, uuidToBytes } from "./copy-binary";

const sql = db.$client;
const COLUMNS = "id, small, ratio, at, label, tier";
const uuidBytesOf = (text: string) => {
  const bytes = new Uint8Array(16);
  uuidToBytes(text, 0, bytes, 0);
  return bytes;
};
const TABLE_COLUMNS = "id uuid, small int2, ratio float4, at timestamptz, label text, tier engagement_tier";

async function copyInto(name: string, options: { batchBytes: number; maxQueuedBytes: number }, write: (writer: BinaryCopyWriter) => Promise<void>) {
  // A temporary table lives on one connection: reserve it for the COPY and the reads.
  const connection = await sql.reserve();
  try {
    await connection.unsafe(`create temporary table ${name} (${TABLE_COLUMNS})`);
    const writer = new BinaryCopyWriter(await connection.unsafe(`copy ${name} (${COLUMNS}) from stdin with (format binary)`).writable(), options);
    await write(writer);
    await writer.end();
    // Read back as plain numbers: epoch milliseconds, and the float4 widened exactly.
    return await connection.unsafe<{ id: string; small: number | null; ratio: number | null; at: number | null; label: string | null; tier: string | null }[]>(
      `select id, small, ratio::float8 as ratio, (extract(epoch from at) * 1000)::float8 as at, label, tier from ${name} order by small nulls last, id`,
    );
  } finally {
    connection.release();
  }
}

describe("binary COPY rows", () => {
  it("load every field type PostgreSQL's way, nulls and dates before 2000 included", async () => {
    const id = "0b9f3c1e-7a2d-4e5f-8a6b-1c2d3e4f5a6b";
    const tiers = encodedText(["healthy", "at_risk"] as const);
    const shared = new BinaryCopyRows(16).text("héllo\ttab").textBytes(tiers.at_risk).take();
    const rows = await copyInto("copy_types", { batchBytes: 64, maxQueuedBytes: 64 }, async (writer) => {
      writer.rows.row(6).uuid(id).int2(-7).float4(0.25).timestamptz(Date.UTC(1999, 11, 31, 23, 59, 59, 123)).text("plain").textBytes(tiers.healthy);
      writer.rows.row(6).uuidBytes(uuidBytesOf(id.toUpperCase()), 0).int2(32_767).float4OrNull(null).timestamptzOrNull(Date.UTC(2026, 5, 1)).raw(shared);
      await writer.flush();
      writer.rows.row(6).uuid(id).int2OrNull(null).float4(1 / 3).timestamptzOrNull(null).null().null();
    });
    expect(rows).toEqual([
      { id, small: -7, ratio: 0.25, at: Date.UTC(1999, 11, 31, 23, 59, 59, 123), label: "plain", tier: "healthy" },
      { id, small: 32_767, ratio: null, at: Date.UTC(2026, 5, 1), label: "héllo\ttab", tier: "at_risk" },
      { id, small: null, ratio: Math.fround(1 / 3), at: null, label: null, tier: null },
    ]);
  });

  it("arrive whole and in order however small the batches and the queue", async () => {
    const ids = Array.from({ length: 500 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
    const uuids = new Uint8Array(ids.length * 16);
    ids.forEach((id, i) => uuidToBytes(id, 0, uuids, i * 16));
    const rows = await copyInto("copy_order", { batchBytes: 128, maxQueuedBytes: 256 }, async (writer) => {
      for (let i = 0; i < ids.length; i++) {
        writer.rows.row(6).uuidBytes(uuids, i * 16).int2(i).null().null().null().null();
        if (i % 7 === 0) await writer.flush();
      }
    });
    expect(rows.map((r) => [r.id, r.small])).toEqual(ids.map((id, i) => [id, i]));
  });

  it("roll back when aborted half-way, leaving the connection usable", async () => {
    // One connection only (so the temporary table stays in view): a COPY left open would hold it, and the queries
    // after the failure would never run.
    const single = postgres(env.DATABASE_URL ?? "", { max: 1, onnotice: () => {} });
    try {
      await single.unsafe(`create temporary table copy_abort (${TABLE_COLUMNS})`);
      const failure = new Error("scoring failed half-way");
      const copying = single.begin(async (tx) => {
        const writer = new BinaryCopyWriter(await tx.unsafe(`copy copy_abort (${COLUMNS}) from stdin with (format binary)`).writable(), { batchBytes: 64, maxQueuedBytes: 64 });
        writer.rows.row(6).uuid("0b9f3c1e-7a2d-4e5f-8a6b-1c2d3e4f5a6b").int2(1).null().null().null().null();
        await writer.flush();
        writer.abort(failure);
        throw failure;
      });
      await expect(copying).rejects.toThrow(failure.message);
      const [count] = await single.unsafe<{ rows: number }[]>("select count(*)::int as rows from copy_abort");
      expect(count?.rows).toBe(0);
    } finally {
      await single.end();
    }
  });

  it("turn uuid bytes back into the canonical text Postgres prints", async () => {
    const ids = (await sql<{ id: string }[]>`select gen_random_uuid()::text as id from generate_series(1, 50)`).map((r) => r.id);
    ids.push("00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff");
    const bytes = new Uint8Array(ids.length * 16 + 3);
    ids.forEach((id, i) => uuidToBytes(id.toUpperCase(), 0, bytes, 3 + i * 16));
    expect(ids.map((_, i) => uuidFromBytes(bytes, 3 + i * 16))).toEqual(ids);
  });

  it("reject what is not a uuid, in either case", () => {
    expect(() => new BinaryCopyRows().uuid("not-a-uuid")).toThrow(RangeError);
    expect(() => new BinaryCopyRows().uuid("0b9f3c1e-7a2d-4e5f-8a6b-1c2d3e4f5a6z")).toThrow(RangeError);
    expect(() => uuidBytesOf("0b9f3c1e-7a2d")).toThrow(RangeError);
    expect(() => uuidBytesOf("0b9f3c1e-7a2d-4e5f-8a6b-1c2d3e4f5a6g")).toThrow(RangeError);
    expect([...uuidBytesOf("0B9F3C1E-7a2d-4e5f-8a6b-1c2d3e4f5a6b").subarray(0, 4)]).toEqual([0x0b, 0x9f, 0x3c, 0x1e]);
  });
});
