import "server-only";
import { randomUUID } from "node:crypto";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { authorize } from "@/lib/server/auth/permissions";
import { withEvents } from "@/lib/server/events/outbox";
import type { VerbArgs } from "@/lib/server/context";
import { importJobs, importKind } from "@/lib/server/db/schema";
import { TooLargeError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";
import { importFileWriter } from "@/lib/server/ingest/import/import-files";
import { handOverUpload } from "./import-rules";

export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

class UploadTooLargeError extends TooLargeError {
  constructor() {
    super(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MiB; split it into smaller files.`);
  }
}

export const createImportSchema = z.object({
  kind: z.enum(importKind.enumValues, "Choose clients or orders"),
  fileName: z.string().trim().min(1, "Name the file").max(200).default("upload.csv"),
});

/** Counts bytes as they pass and stops the upload as soon as it passes the cap. */
function byteCap(max: number) {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      done(total > max ? new UploadTooLargeError() : null, chunk);
    },
  });
}

/**
 * Streams an upload into the database in parts (never whole in memory, never on this server's disk), records
 * the job, and emits the event that has the import function check the file. The page then polls the job.
 */
export async function createImport({ ctx, input, body }: VerbArgs<typeof createImportSchema> & { body: ReadableStream<Uint8Array> | null }) {
  authorize(ctx.actor, "data.import");
  const { kind, fileName } = parseInput(createImportSchema, input);
  const id = randomUUID();
  await ctx.db.insert(importJobs).values({ id, kind, status: "uploading", fileName, fileBytes: 0, createdBy: ctx.actor.type === "user" ? ctx.actor.id : null });
  const writer = importFileWriter(id, "upload");
  let bytes = 0;
  try {
    const source = body ? Readable.fromWeb(body as Parameters<typeof Readable.fromWeb>[0]) : Readable.from([]);
    await pipeline(source, byteCap(MAX_IMPORT_BYTES), async (chunks: AsyncIterable<Buffer>) => {
      for await (const chunk of chunks) await writer.write(chunk);
    });
    bytes = await writer.end();
  } catch (error) {
    await ctx.db.delete(importJobs).where(eq(importJobs.id, id));
    throw error;
  }
  return withEvents(ctx.db, async (tx, emit) => {
    const [job] = await tx.select().from(importJobs).where(eq(importJobs.id, id)).for("update");
    if (!job) throw new Error("import job vanished");
    return handOverUpload(tx, emit, ctx.actor, { ...job, fileBytes: bytes }, {});
  });
}
