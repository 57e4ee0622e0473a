import "server-only";
import type { Writable } from "node:stream";

/**
 * Rows in PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4).
 * For the nightly million-row writes: the server takes uuids, timestamps and floats as bytes instead of parsing
 * text, and this side fills one growing buffer instead of building a string per row.
 */

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
/** Signature, flags (0) and header extension length (0): what a binary COPY stream starts with. */
const BINARY_COPY_HEADER = Buffer.concat([SIGNATURE, Buffer.alloc(8)]);
/** A field count of −1 ends the stream. */
const BINARY_COPY_TRAILER = Buffer.from([0xff, 0xff]);

// PostgreSQL timestamps count microseconds from 2000-01-01 UTC.
const POSTGRES_EPOCH_MS = Date.UTC(2000, 0, 1);
const TWO_TO_32 = 2 ** 32;
// Where the 16 byte pairs sit in a canonical 8-4-4-4-12 uuid.
const UUID_PAIRS = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX_VALUE["0123456789abcdef".charCodeAt(i)] = i;
  HEX_VALUE["0123456789ABCDEF".charCodeAt(i)] = i;
}

/** Writes the 16 bytes of the canonical uuid at `at` in `text` to `target` at `offset`, without a string per uuid. */
export function uuidToBytes(text: string, at: number, target: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const position = at + (UUID_PAIRS[i] ?? 0);
    const high = HEX_VALUE[text.charCodeAt(position)] ?? -1;
    const low = HEX_VALUE[text.charCodeAt(position + 1)] ?? -1;
    if (high < 0 || low < 0) throw new RangeError(`not a uuid: ${text.slice(at, at + 36)}`);
    target[offset + i] = (high << 4) | low;
  }
}

const HEX_DIGITS = "0123456789abcdef";

/** The canonical text of the uuid whose 16 bytes start at `offset` in `bytes` (uuidToBytes undone). */
export function uuidFromBytes(bytes: Uint8Array, offset: number): string {
  if (!(offset >= 0 && offset + 16 <= bytes.length)) throw new RangeError(`no uuid at ${offset} of ${bytes.length} bytes`);
  let text = "";
  for (let i = 0; i < 16; i++) {
    const byte = bytes[offset + i] ?? 0;
    text += (i === 4 || i === 6 || i === 8 || i === 10 ? "-" : "") + (HEX_DIGITS[byte >> 4] ?? "") + (HEX_DIGITS[byte & 15] ?? "");
  }
  return text;
}

export class BinaryCopyRows {
  private buffer: Buffer;
  private view: DataView;
  private offset = 0;

  constructor(capacity = 64 * 1024) {
    this.buffer = Buffer.allocUnsafe(capacity);
    this.view = new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.byteLength);
  }

  /** Starts a row of `fields` columns; each column is then written by one of the methods below, in order. */
  row(fields: number): this {
    this.reserve(2);
    this.view.setInt16(this.offset, fields);
    this.offset += 2;
    return this;
  }

  null(): this {
    return this.length(-1, 0);
  }

  int2(value: number): this {
    this.length(2, 2).view.setInt16(this.offset, value);
    this.offset += 2;
    return this;
  }

  float4(value: number): this {
    this.length(4, 4).view.setFloat32(this.offset, value);
    this.offset += 4;
    return this;
  }

  /** A timestamp with time zone from epoch milliseconds. */
  timestamptz(epochMs: number): this {
    const micros = Math.round((epochMs - POSTGRES_EPOCH_MS) * 1000);
    const high = Math.floor(micros / TWO_TO_32);
    this.length(8, 8).view.setInt32(this.offset, high);
    this.view.setUint32(this.offset + 4, micros - high * TWO_TO_32);
    this.offset += 8;
    return this;
  }

  /** A uuid from its canonical text form. */
  uuid(text: string): this {
    if (text.length !== 36) throw new RangeError(`not a uuid: ${text}`);
    this.length(16, 16);
    uuidToBytes(text, 0, this.buffer, this.offset);
    this.offset += 16;
    return this;
  }

  /** A uuid already parsed to its 16 bytes, at `offset` in `bytes` (see uuidToBytes). */
  uuidBytes(bytes: Uint8Array, offset: number): this {
    this.length(16, 16);
    // A plain loop: for 16 bytes it beats a subarray and a native copy.
    for (let i = 0; i < 16; i++) this.buffer[this.offset + i] = bytes[offset + i] ?? 0;
    this.offset += 16;
    return this;
  }

  /** A field already encoded as bytes: text or an enum label from a fixed set (see `encodedText`). */
  textBytes(bytes: Uint8Array): this {
    this.length(bytes.length, bytes.length);
    for (let i = 0; i < bytes.length; i++) this.buffer[this.offset + i] = bytes[i] ?? 0;
    this.offset += bytes.length;
    return this;
  }

  /** The nullable forms: NULL for null, else as above. */
  int2OrNull(value: number | null): this {
    return value === null ? this.null() : this.int2(value);
  }

  float4OrNull(value: number | null): this {
    return value === null ? this.null() : this.float4(value);
  }

  timestamptzOrNull(epochMs: number | null): this {
    return epochMs === null ? this.null() : this.timestamptz(epochMs);
  }

  /** Text, or an enum label (enums travel as their label). */
  text(value: string): this {
    const bytes = Buffer.byteLength(value, "utf8");
    this.length(bytes, bytes);
    this.buffer.write(value, this.offset, "utf8");
    this.offset += bytes;
    return this;
  }

  /** Fields or rows already encoded, copied as they are. */
  raw(bytes: Uint8Array): this {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.offset);
    this.offset += bytes.length;
    return this;
  }

  /** Bytes written so far. */
  get size(): number {
    return this.offset;
  }

  /** What was written so far, as a view of the buffer (valid until more is written). */
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.offset);
  }

  /** What was written so far, as a buffer of its own; the writer starts empty again. */
  take(): Buffer {
    const taken = Buffer.from(this.buffer.subarray(0, this.offset));
    this.offset = 0;
    return taken;
  }

  /**
   * Writes what was written so far to `stream` and resolves once the stream has taken it, so the writer can reuse
   * its buffer: a million rows then cost no new memory per chunk (and no garbage collections to reclaim it).
   */
  async flushTo(stream: Writable): Promise<void> {
    if (this.offset === 0) return;
    const filled = this.buffer.subarray(0, this.offset);
    await new Promise<void>((resolve, reject) => stream.write(filled, (error) => (error ? reject(error) : resolve())));
    this.offset = 0;
  }

  private length(value: number, bytesAfter: number): this {
    this.reserve(4 + bytesAfter);
    this.view.setInt32(this.offset, value);
    this.offset += 4;
    return this;
  }

  private reserve(bytes: number) {
    if (this.offset + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.offset + bytes));
    this.buffer.copy(grown, 0, 0, this.offset);
    this.buffer = grown;
    this.view = new DataView(grown.buffer, grown.byteOffset, grown.byteLength);
  }
}

/** UTF-8 bytes of each of a fixed set of labels, for `textBytes`: no string encoding per row. */
export function encodedText<T extends string>(labels: readonly T[]): Record<T, Uint8Array> {
  const encoded = {} as Record<T, Uint8Array>;
  for (const label of labels) encoded[label] = Buffer.from(label, "utf8");
  return encoded;
}

/**
 * Feeds one binary COPY stream in batches: the caller fills `rows` and flushes, and the batch is sent while the caller
 * goes on encoding, so encoding and the server's loading overlap instead of taking turns. Up to `maxQueuedBytes` may
 * wait to be sent before `flush` waits too. Sent buffers are reused, so a million rows allocate almost nothing.
 */
export class BinaryCopyWriter {
  private current: BinaryCopyRows;
  private readonly spare: BinaryCopyRows[] = [];
  private readonly queue: { bytes: number; sent: Promise<void> }[] = [];
  private queuedBytes = 0;
  private last: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  private ended = false;

  constructor(
    private readonly stream: Writable,
    private readonly options: { batchBytes: number; maxQueuedBytes: number },
  ) {
    this.current = new BinaryCopyRows(options.batchBytes);
    this.current.raw(BINARY_COPY_HEADER);
  }

  get rows(): BinaryCopyRows {
    return this.current;
  }

  /** Queues what `rows` holds for sending; `rows` is then an empty buffer. Waits while too much is queued. */
  async flush(): Promise<void> {
    this.throwIfFailed();
    const batch = this.current;
    const bytes = batch.size;
    this.current = this.spare.pop() ?? new BinaryCopyRows(this.options.batchBytes);
    this.queuedBytes += bytes;
    // One batch at a time, in order; a failed send fails every later flush and the end.
    this.last = this.last.then(async () => {
      if (this.failure) return;
      try {
        await batch.flushTo(this.stream);
      } catch (error) {
        this.failure ??= error;
      }
      this.queuedBytes -= bytes;
      this.spare.push(batch);
    });
    this.queue.push({ bytes, sent: this.last });
    while (this.queuedBytes > this.options.maxQueuedBytes) await this.queue.shift()?.sent;
    // A turn of the event loop: what the socket could not take at once is written only then, and an encoder that
    // never yields would keep the server waiting for its rows until it finished.
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.throwIfFailed();
  }

  /** Sends the rest and the trailer, and resolves when the server has the whole stream. */
  async end(): Promise<void> {
    this.current.raw(BINARY_COPY_TRAILER);
    await this.flush();
    await this.last;
    this.throwIfFailed();
    const finished = new Promise<void>((resolve, reject) => {
      this.stream.once("finish", resolve);
      this.stream.once("error", reject);
    });
    this.stream.end();
    await finished;
    this.ended = true;
  }

  /**
   * Gives up on the COPY: the server is told it failed (CopyFail), so the statement errors, its transaction rolls
   * back and the connection is free again. Without this, a COPY left open holds its connection, and every lock its
   * transaction took, for good. Does nothing once the server has the whole stream.
   */
  abort(reason: unknown): void {
    if (this.ended) return;
    this.failure ??= reason;
    // The stream reports the reason back as an error event; the caller already has it.
    this.stream.on("error", () => {});
    this.stream.destroy(reason instanceof Error ? reason : new Error(String(reason)));
  }

  private throwIfFailed() {
    if (this.failure) throw this.failure;
  }
}

/** A whole COPY stream from rows already encoded: resolves when the server has them all. */
export async function copyAllRows(stream: Writable, rows: BinaryCopyRows): Promise<void> {
  const writer = new BinaryCopyWriter(stream, { batchBytes: rows.size + 64, maxQueuedBytes: Number.POSITIVE_INFINITY });
  writer.rows.raw(rows.bytes());
  await writer.end();
}
