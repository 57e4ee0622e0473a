import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { partCount, UPLOAD_PART_BYTES } from "@/lib/domain/ingest/upload-parts";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { importJobs } from "@/lib/server/db/schema";
import { parseInput } from "@/lib/server/parse-input";
import { createImportSchema, MAX_IMPORT_BYTES } from "./create-import";

export const startUploadSchema = createImportSchema.extend({
  bytes: z.coerce
    .number({ error: "Give the file's size in bytes" })
    .int("Give the file's size in whole bytes")
    .min(1, "The file is empty")
    .max(MAX_IMPORT_BYTES, `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MiB; split it into smaller files.`),
});

/**
 * Opens an upload in parts: a job waiting for `parts` parts of `partBytes` (the last one shorter), sent one per
 * request (storeUploadPart) and then confirmed (finishUpload), so no request body is larger than a part. Nothing is
 * audited or checked until the whole file has arrived.
 */
export async function startUpload({ ctx, input }: VerbArgs<typeof startUploadSchema>) {
  authorize(ctx.actor, "data.import");
  const { kind, fileName, bytes } = parseInput(startUploadSchema, input);
  const id = randomUUID();
  await ctx.db.insert(importJobs).values({ id, kind, status: "uploading", fileName, fileBytes: bytes, uploadPartBytes: UPLOAD_PART_BYTES, createdBy: ctx.actor.type === "user" ? ctx.actor.id : null });
  return { jobId: id, partBytes: UPLOAD_PART_BYTES, parts: partCount(bytes, UPLOAD_PART_BYTES) };
}
