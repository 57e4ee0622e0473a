import "server-only";
import { Readable } from "node:stream";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { db } from "@/lib/server/db/client";
import { importFileParts } from "@/lib/server/db/schema";

/**
 * An import's files live in Postgres (import_file_parts), in parts of about a megabyte, so whichever instance
 * runs the import reads what another received: nothing of an import is on one server's disk.
 */
type ImportFile = "upload" | "rejected";
const PART_BYTES = 1024 * 1024;

/** Collects bytes and stores them a part at a time; `end()` stores the rest and answers the total. */
export function importFileWriter(jobId: string, file: ImportFile) {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let part = 0;
  let total = 0;
  // Stores the first `size` pending bytes as the next part.
  const store = async (size: number) => {
    const all = Buffer.concat(pending, pendingBytes);
    pending = all.length > size ? [all.subarray(size)] : [];
    pendingBytes = all.length - size;
    await db.insert(importFileParts).values({ jobId, file, part: part++, bytes: all.subarray(0, size) });
  };
  return {
    async write(chunk: Buffer | string): Promise<void> {
      const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      pending.push(buffer);
      pendingBytes += buffer.length;
      total += buffer.length;
      while (pendingBytes >= PART_BYTES) await store(PART_BYTES);
    },
    async end(): Promise<number> {
      if (pendingBytes > 0) await store(pendingBytes);
      return total;
    },
  };
}

/** Drops a file's parts (a re-check rewrites the rejected rows). */
export async function deleteImportFile(jobId: string, file: ImportFile): Promise<void> {
  await db.delete(importFileParts).where(and(eq(importFileParts.jobId, jobId), eq(importFileParts.file, file)));
}

export async function importFileExists(jobId: string, file: ImportFile): Promise<boolean> {
  const [row] = await db.execute<{ found: boolean }>(sql`select exists (select 1 from import_file_parts where job_id = ${jobId} and file = ${file}) as found`);
  return row?.found === true;
}

/** The first `bytes` bytes of a stored file (empty when there is none). */
export async function readImportFileHead(jobId: string, file: ImportFile, bytes: number): Promise<Buffer> {
  const [row] = await db.execute<{ head: Buffer | null }>(sql`select substring(bytes from 1 for ${bytes}) as head from import_file_parts where job_id = ${jobId} and file = ${file} and part = 0`);
  return row?.head ? Buffer.from(row.head) : Buffer.alloc(0);
}

/** Streams a stored file part by part: one part in memory at a time. */
export function readImportFile(jobId: string, file: ImportFile): Readable {
  async function* parts() {
    for (let part = -1; ; ) {
      const [next] = await db
        .select({ part: importFileParts.part, bytes: importFileParts.bytes })
        .from(importFileParts)
        .where(and(eq(importFileParts.jobId, jobId), eq(importFileParts.file, file), gt(importFileParts.part, part)))
        .orderBy(asc(importFileParts.part))
        .limit(1);
      if (!next) return;
      part = next.part;
      yield next.bytes;
    }
  }
  return Readable.from(parts());
}
