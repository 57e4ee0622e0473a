import "server-only";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { z } from "zod";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { importJobs, importKind } from "@/lib/server/db/schema";
import { AppError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";
import { ensureImportDir, uploadPath } from "@/lib/server/ingest/import/import-files";
import { runImportInBackground } from "@/lib/server/ingest/import/import-worker";

export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

export class UploadTooLargeError extends AppError {
  readonly status = 413;
  constructor() {
    super(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MiB; split it into smaller files.`);
  }
}

const createImportSchema = z.object({
  kind: z.enum(importKind.enumValues, "Choose clients or orders"),
  fileName: z.string().trim().min(1, "Name the file").max(200).default("upload.csv"),
});

/** Counts bytes as they pass and stops the upload as soon as it passes the cap. */
function byteCap(max: number, onBytes: (n: number) => void) {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      onBytes(total);
      done(total > max ? new UploadTooLargeError() : null, chunk);
    },
  });
}

/**
 * Streams an upload straight to disk (never whole in memory), records the job, and starts checking the
 * file in the background. The page then polls the job for its progress and preview.
 */
export async function createImport({ ctx, input, body }: { ctx: ServiceContext; input: unknown; body: ReadableStream<Uint8Array> | null }) {
  authorize(ctx.actor, "data.import");
  const { kind, fileName } = parseInput(createImportSchema, input);
  const id = randomUUID();
  await ensureImportDir();
  let bytes = 0;
  try {
    const source = body ? Readable.fromWeb(body as Parameters<typeof Readable.fromWeb>[0]) : Readable.from([]);
    await pipeline(source, byteCap(MAX_IMPORT_BYTES, (n) => (bytes = n)), fs.createWriteStream(uploadPath(id)));
  } catch (error) {
    await fs.promises.rm(uploadPath(id), { force: true });
    throw error;
  }
  const job = await ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(importJobs)
      .values({ id, kind, fileName, fileBytes: bytes, createdBy: ctx.actor.type === "user" ? ctx.actor.id : null })
      .returning();
    if (!created) throw new Error("insert returned no row");
    await writeAudit(tx, ctx.actor, { action: `import.${kind}.upload`, entityType: "import_job", entityId: id, after: { fileName, bytes } });
    return created;
  });
  void runImportInBackground(job.id, "validate");
  return job;
}
