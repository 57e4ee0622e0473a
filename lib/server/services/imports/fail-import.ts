import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { importJobs } from "@/lib/server/db/schema";
import { parseInput } from "@/lib/server/parse-input";
import { IMPORT_PHASES } from "./process-import";

export const failImportSchema = z.object({
  jobId: z.uuid("Unknown import"),
  phase: z.enum(IMPORT_PHASES, "Choose validate or import"),
  /** What the uploader reads (see importFailureMessage): never a driver's words. */
  message: z.string().trim().min(1, "Say why the import stopped").max(1000, "Keep the message to 1,000 characters or fewer"),
});

/** After the import function's last retry: the job shows why it stopped, and the Import page offers to resume it. */
export async function failImport({ ctx, input }: VerbArgs<typeof failImportSchema>) {
  authorize(ctx.actor, "data.import");
  const { jobId, phase, message } = parseInput(failImportSchema, input);
  await ctx.db.transaction(async (tx) => {
    const [job] = await tx.update(importJobs).set({ status: "failed", error: message, finishedAt: sql`now()` }).where(eq(importJobs.id, jobId)).returning();
    if (!job) return;
    await writeAudit(tx, ctx.actor, { action: `import.${job.kind}.fail`, entityType: "import_job", entityId: jobId, after: { phase, error: message, importedRows: job.importedRows } });
  });
}
