import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { expectedPartBytes, partCount } from "@/lib/domain/ingest/upload-parts";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { importFileParts, importJobs } from "@/lib/server/db/schema";
import { ConflictError, NotFoundError, TooLargeError, ValidationError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";

export const storeUploadPartSchema = z.object({
  jobId: z.uuid("Unknown upload"),
  part: z.coerce.number({ error: "Give the part's number" }).int("Give the part's number").min(0, "Parts are numbered from 0"),
});

/** The body, refused as soon as it passes `max` bytes (a part is never read whole beyond its size). */
async function readAtMost(body: ReadableStream<Uint8Array> | null, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  if (body) {
    for await (const chunk of body) {
      total += chunk.length;
      if (total > max) throw new TooLargeError(`This part is larger than the ${max} bytes it should have.`);
      chunks.push(Buffer.from(chunk));
    }
  }
  return Buffer.concat(chunks, total);
}

/**
 * Stores one part of an upload opened by startUpload, under its number: sending a part again (a retry after a
 * lost answer) replaces it rather than adding a second copy. Refused once the upload is finished.
 */
export async function storeUploadPart({ ctx, input, body }: VerbArgs<typeof storeUploadPartSchema> & { body: ReadableStream<Uint8Array> | null }) {
  authorize(ctx.actor, "data.import");
  const { jobId, part } = parseInput(storeUploadPartSchema, input);
  const [open] = await ctx.db.select().from(importJobs).where(eq(importJobs.id, jobId));
  if (!open) throw new NotFoundError("Upload");
  if (open.status !== "uploading" || open.uploadPartBytes === null) throw new ConflictError("This upload is finished; start a new one to send the file again.");
  const expected = expectedPartBytes(part, open.fileBytes, open.uploadPartBytes);
  if (expected === null) throw new ValidationError({ part: [`This file has parts 0 to ${partCount(open.fileBytes, open.uploadPartBytes) - 1}`] }, "No such part.");
  const bytes = await readAtMost(body, expected);
  if (bytes.length !== expected) throw new ValidationError({ part: [`Part ${part} should be ${expected} bytes; ${bytes.length} arrived`] }, "The part arrived incomplete; send it again.");
  await ctx.db.transaction(async (tx) => {
    // Shares the job's row with other parts, and waits for (or fails after) a finish that holds it.
    const [job] = await tx.select({ status: importJobs.status }).from(importJobs).where(eq(importJobs.id, jobId)).for("share");
    if (job?.status !== "uploading") throw new ConflictError("This upload is finished; start a new one to send the file again.");
    await tx
      .insert(importFileParts)
      .values({ jobId, file: "upload", part, bytes })
      .onConflictDoUpdate({ target: [importFileParts.jobId, importFileParts.file, importFileParts.part], set: { bytes: sql`excluded.bytes` } });
  });
  return { part, bytes: bytes.length };
}
