import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { missingParts, partCount } from "@/lib/domain/ingest/upload-parts";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { importJobs } from "@/lib/server/db/schema";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import { withEvents } from "@/lib/server/events/outbox";
import { parseInput } from "@/lib/server/parse-input";
import { handOverUpload } from "./import-rules";
import { storedUploadParts } from "./import-rules";

export const finishUploadSchema = z.object({ jobId: z.uuid("Unknown upload") });

/**
 * Confirms an upload in parts once every part is stored with the size the file's total gives it, then hands the
 * file over to checking (audit row, import.uploaded event) exactly as a one-request upload. Finishing again
 * answers the job as it is, so a retried finish starts nothing twice.
 */
export async function finishUpload({ ctx, input }: VerbArgs<typeof finishUploadSchema>) {
  authorize(ctx.actor, "data.import");
  const { jobId } = parseInput(finishUploadSchema, input);
  return withEvents(ctx.db, async (tx, emit) => {
    const [job] = await tx.select().from(importJobs).where(eq(importJobs.id, jobId)).for("update");
    if (!job) throw new NotFoundError("Upload");
    if (job.status !== "uploading" || job.uploadPartBytes === null) return job;
    const parts = await storedUploadParts(tx, jobId);
    const missing = missingParts(
      parts.map((p) => p.part),
      job.fileBytes,
      job.uploadPartBytes,
    );
    const stored = parts.reduce((sum, p) => sum + p.bytes, 0);
    const expectedParts = partCount(job.fileBytes, job.uploadPartBytes);
    if (missing.length || parts.length !== expectedParts || stored !== job.fileBytes) {
      throw new ConflictError(`${parts.length} of ${expectedParts} parts (${stored} of ${job.fileBytes} bytes) have arrived${missing.length ? `; send part${missing.length === 1 ? "" : "s"} ${missing.slice(0, 10).join(", ")}` : ""}, then finish again.`);
    }
    return handOverUpload(tx, emit, ctx.actor, job, { parts: expectedParts });
  });
}
