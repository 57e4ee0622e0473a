import "server-only";
import type { Sql, TransactionSql } from "postgres";

/**
 * Many rows fetched as one value: SQL packs each row's fields into fixed-width binary (uuid_send, int4send,
 * float8send) and string_agg joins the rows into one bytea, which arrives as one hex string that the driver decodes
 * natively. Reading a field is then a DataView lookup, where the text protocol makes a string and parses it for every
 * field of every row: for a full run's chunk of 25,000 clients that parsing was most of its JavaScript time, on the
 * one thread that scores them. Packing costs the database about what the text protocol saves here, and a full run
 * scores while the database idles. Fields are fixed-width, so a column that may be NULL is packed with a stand-in
 * value the caller picks (coalesce); the row count comes with the bytes and is checked against them.
 */
type PackedField = { sql: string; bytes: number };

export const packedField = {
  uuid: (column: string): PackedField => ({ sql: `uuid_send(${column})`, bytes: 16 }),
  /** A uuid, or 16 zero bytes (the nil uuid, which no generated id is) for NULL. */
  uuidOrNil: (column: string): PackedField => ({ sql: `coalesce(uuid_send(${column}), '\\x${"00".repeat(16)}'::bytea)`, bytes: 16 }),
  int4: (column: string): PackedField => ({ sql: `int4send(${column})`, bytes: 4 }),
  float8: (column: string): PackedField => ({ sql: `float8send(${column})`, bytes: 8 }),
  /** One ASCII character. */
  char: (column: string): PackedField => ({ sql: `convert_to(${column}, 'SQL_ASCII')`, bytes: 1 }),
};

/** Rows read by readPackedRows: row i's field f starts at byte `start(i) + offset[f]` of `bytes`. */
export class PackedRows<F extends string> {
  readonly view: DataView;
  readonly rowBytes: number;
  readonly offset: Readonly<Record<F, number>>;

  constructor(
    readonly bytes: Buffer,
    readonly rows: number,
    fields: Readonly<Record<F, PackedField>>,
  ) {
    const offset = {} as Record<F, number>;
    let rowBytes = 0;
    for (const name of Object.keys(fields) as F[]) {
      offset[name] = rowBytes;
      rowBytes += fields[name].bytes;
    }
    if (bytes.length !== rows * rowBytes) throw new Error(`${bytes.length} bytes packed for ${rows} rows of ${rowBytes}`);
    this.rowBytes = rowBytes;
    this.offset = offset;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  start(row: number): number {
    return row * this.rowBytes;
  }

  int4(row: number, field: F): number {
    return this.view.getInt32(row * this.rowBytes + this.offset[field]);
  }

  float8(row: number, field: F): number {
    return this.view.getFloat64(row * this.rowBytes + this.offset[field]);
  }

  byte(row: number, field: F): number {
    return this.view.getUint8(row * this.rowBytes + this.offset[field]);
  }

  /** Whether the 16 bytes of a uuidOrNil field are the nil uuid (NULL). */
  isNilUuid(row: number, field: F): boolean {
    const at = row * this.rowBytes + this.offset[field];
    return this.view.getBigUint64(at) === 0n && this.view.getBigUint64(at + 8) === 0n;
  }
}

/** Where readPackedRows reads from (see there). */
export type PackedRowsQuery = { from: string; orderBy?: string; params?: readonly (string | number | null)[] };

/**
 * `fields` (in their key order) of every row of `from` (tables, with a where clause if need be, taking `params` as
 * $1, $2, …), in `orderBy` order when given. `from` and the fields' SQL are written into the query as they are: pass
 * only names this code made, and anything else as a parameter.
 */
export async function readPackedRows<F extends string>(
  sql: Sql | TransactionSql,
  fields: Readonly<Record<F, PackedField>>,
  query: PackedRowsQuery,
): Promise<PackedRows<F>> {
  const { from, orderBy } = query;
  const row = Object.values<PackedField>(fields)
    .map((field) => field.sql)
    .join(" || ");
  const [result] = await sql.unsafe<{ rows: number; packed: Buffer }[]>(
    `select count(*)::int as rows, coalesce(string_agg(${row}, ''::bytea${orderBy ? ` order by ${orderBy}` : ""}), ''::bytea) as packed from ${from}`,
    (query.params ?? []) as never[],
  );
  if (!result) throw new Error(`nothing read from ${from}`);
  return new PackedRows(result.packed, result.rows, fields);
}
