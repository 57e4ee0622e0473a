import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { uuidFromBytes } from "./copy-binary";
import { packedField, PackedRows, readPackedRows } from "./packed-rows";

const sql = db.$client;
const FIELDS = {
  id: packedField.uuid("id"),
  code: packedField.char("code"),
  owner: packedField.uuidOrNil("owner"),
  n: packedField.int4("coalesce(n, -1)"),
  x: packedField.float8("x"),
};

describe("packed rows", () => {
  it("read every row's fields as the text protocol reads them, in order, NULLs as their stand-ins", async () => {
    const connection = await sql.reserve();
    try {
      await connection.unsafe("create temporary table packed (id uuid, code text, owner uuid, n int, x float8)");
      // Doubles the text protocol would print with 17 digits, and the extremes of int4.
      await connection.unsafe(`insert into packed values
        ('ffffffff-0000-4000-8000-000000000001', '2', '0b9f3c1e-7a2d-4e5f-8a6b-1c2d3e4f5a6b', 2147483647, 1780272000000.0001),
        ('00000000-0000-4000-8000-000000000002', '-', null, null, -0.1),
        ('7fffffff-0000-4000-8000-000000000003', '0', null, -2147483648, 1e-300)`);
      const packed = await readPackedRows(connection, FIELDS, { from: "packed", orderBy: "id" });
      const asText = await connection.unsafe<{ id: string; code: string; owner: string | null; n: number | null; x: number }[]>("select id, code, owner, n, x from packed order by id");
      expect(packed.rows).toBe(3);
      const read = Array.from({ length: packed.rows }, (_, i) => ({
        id: uuidFromBytes(packed.bytes, packed.start(i) + packed.offset.id),
        code: String.fromCharCode(packed.byte(i, "code")),
        owner: packed.isNilUuid(i, "owner") ? null : uuidFromBytes(packed.bytes, packed.start(i) + packed.offset.owner),
        n: packed.int4(i, "n") === -1 ? null : packed.int4(i, "n"),
        x: packed.float8(i, "x"),
      }));
      expect(read).toEqual(asText);
      expect(read.map((row) => row.x)).toEqual([-0.1, 1e-300, 1780272000000.0001]);

      const none = await readPackedRows(connection, FIELDS, { from: "packed where n > $1", params: [2147483647] });
      expect(none.rows).toBe(0);
      expect(none.bytes.length).toBe(0);
      const some = await readPackedRows(connection, FIELDS, { from: "packed where code = $1", params: ["2"] });
      expect(some.rows).toBe(1);
    } finally {
      connection.release();
    }
  });

  it("refuse bytes that do not make whole rows", () => {
    expect(() => new PackedRows(Buffer.alloc(5), 1, { n: packedField.int4("n") })).toThrow(/5 bytes packed for 1 rows of 4/);
  });
});
