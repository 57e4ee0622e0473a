import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { IngestCounts } from "@/lib/domain/ingest/ingest-types";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext, VerbArgs } from "@/lib/server/context";
import { importJobs } from "@/lib/server/db/schema";
import { ConflictError } from "@/lib/server/errors";
import { withEvents } from "@/lib/server/events/outbox";
import { BULK_RESCORE_THRESHOLD, importValidRows, type StoredImport } from "@/lib/server/ingest/import/run-import";
import { validateImportFile } from "@/lib/server/ingest/import/validate-import";
import { parseInput } from "@/lib/server/parse-input";
import { queueFullRescore } from "@/lib/server/services/engagement/rescore-rules";
import { appEvent } from "@/inngest/events";

export const IMPORT_PHASES = ["validate", "import"] as const;
export const processImportSchema = z.object({ jobId: z.uuid("Unknown import"), phase: z.enum(IMPORT_PHASES, "Choose validate or import") });

/**
 * One phase of an import, for the import function: checks the uploaded file, or stores its valid rows and finishes
 * the job with its follow-ups. A phase the job is no longer in (a repeated event, a replayed run) does nothing;
 * checking starts over when repeated, importing resumes after its last chunk.
 */
export async function processImport({ ctx, input }: VerbArgs<typeof processImportSchema>): Promise<{ status: string }> {
  authorize(ctx.actor, "data.import");
  const { jobId, phase } = parseInput(processImportSchema, input);
  const status = async () => (await ctx.db.select({ status: importJobs.status }).from(importJobs).where(eq(importJobs.id, jobId)))[0]?.status ?? "gone";
  const before = await status();
  if (before !== (phase === "validate" ? "validating" : "importing")) return { status: before };
  if (phase === "validate") await validateImportFile(jobId);
  else await finishImport(ctx, jobId, await importValidRows(jobId, ctx.actor));
  return { status: await status() };
}

/**
 * The job's end, with its follow-ups in the same transaction: a rescoring of each changed client, or one full
 * rescoring when too many changed. Chunks stored by an earlier, interrupted attempt are not among the changed; the
 * nightly sweep rescores those clients.
 */
async function finishImport(ctx: ServiceContext, jobId: string, stored: StoredImport) {
  const ids = stored.changedClientIds;
  await withEvents(ctx.db, async (tx, emit) => {
    if (stored.kind === "clients") await emit(...ids.map((clientId) => appEvent("rekindle/client.profile-updated", { clientId })));
    else if (ids.length > BULK_RESCORE_THRESHOLD) {
      // A run already under way scores these clients too.
      await queueFullRescore(tx, emit, ctx.actor).catch((error: unknown) => {
        if (!(error instanceof ConflictError)) throw error;
      });
    } else await emit(...ids.map((clientId) => appEvent("rekindle/client.orders-changed", { clientId })));
    // The database's clock for finishedAt: full runs compare it with when they began reading (see reusableModelFit).
    const [done] = await tx.update(importJobs).set({ status: "done", finishedAt: sql`now()`, heartbeatAt: new Date() }).where(eq(importJobs.id, jobId)).returning();
    const totals: IngestCounts & { imported: number } = { created: done?.created ?? 0, updated: done?.updated ?? 0, unchanged: done?.unchanged ?? 0, imported: done?.importedRows ?? 0 };
    await writeAudit(tx, ctx.actor, { action: `import.${stored.kind}.finish`, entityType: "import_job", entityId: jobId, after: totals });
  });
}
