import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { isInterrupted } from "@/lib/domain/ingest/import-progress";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { importJobs } from "@/lib/server/db/schema";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";
import { runImportInBackground } from "@/lib/server/ingest/import/import-worker";

/**
 * Imports a checked file's valid rows; also resumes a job that a server restart interrupted or an error
 * stopped (checking starts over, importing continues after the last stored chunk).
 */
export async function startImport({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  authorize(ctx.actor, "data.import");
  const { jobId } = parseInput(z.object({ jobId: z.uuid("Unknown import") }), input);
  const { job, phase } = await ctx.db.transaction(async (tx) => {
    const [job] = await tx.select().from(importJobs).where(eq(importJobs.id, jobId)).for("update");
    if (!job) throw new NotFoundError("Import");
    const interrupted = isInterrupted(job, new Date());
    let phase: "validate" | "import";
    const checked = job.bytesValidated >= job.fileBytes && job.validRows > 0;
    if (job.status === "ready" || (job.status === "importing" && interrupted) || (job.status === "failed" && checked)) phase = "import";
    else if ((job.status === "validating" && interrupted) || job.status === "failed") phase = "validate";
    else throw new ConflictError(job.status === "done" ? "This file was already imported." : "This import is already running.");
    if (job.status === "ready" && job.validRows === 0) throw new ConflictError("No row of this file is valid; fix the rejected rows and upload again.");
    const reset = phase === "validate" ? { bytesValidated: 0, totalRows: 0, validRows: 0, invalidRows: 0, error: null } : { error: null };
    const [updated] = await tx
      .update(importJobs)
      .set({ status: phase === "import" ? "importing" : "validating", heartbeatAt: new Date(), ...reset })
      .where(eq(importJobs.id, jobId))
      .returning();
    await writeAudit(tx, ctx.actor, { action: `import.${job.kind}.start`, entityType: "import_job", entityId: jobId, after: { phase, resumedAfter: job.importedRows } });
    return { job: updated ?? job, phase };
  });
  void runImportInBackground(job.id, phase);
  return job;
}
