import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { appEvent, type AppEvent } from "@/inngest/events";
import { writeAudit } from "@/lib/server/audit";
import type { ServiceContext } from "@/lib/server/context";
import type { Executor, Transaction } from "@/lib/server/db/client";
import { importFileParts, type ImportJob, importJobs } from "@/lib/server/db/schema";

/**
 * A whole file is stored: the job moves to checking, the upload is audited, and the event that has the import
 * function check it is written in the same transaction (sent after commit), whichever way the file came.
 */
export async function handOverUpload(tx: Transaction, emit: (...events: AppEvent[]) => Promise<void>, actor: ServiceContext["actor"], job: ImportJob, after: Record<string, unknown>) {
  const [updated] = await tx.update(importJobs).set({ status: "validating", fileBytes: job.fileBytes, heartbeatAt: new Date() }).where(eq(importJobs.id, job.id)).returning();
  if (!updated) throw new Error("import job vanished");
  await writeAudit(tx, actor, { action: `import.${job.kind}.upload`, entityType: "import_job", entityId: job.id, after: { fileName: job.fileName, bytes: job.fileBytes, ...after } });
  await emit(appEvent("rekindle/import.uploaded", { jobId: job.id, phase: "validate" }));
  return updated;
}

/** Which parts of an upload are stored (for finishUpload's check). */
export async function storedUploadParts(tx: Executor, jobId: string) {
  const rows = await tx
    .select({ part: importFileParts.part, bytes: sql<number>`octet_length(${importFileParts.bytes})`.mapWith(Number) })
    .from(importFileParts)
    .where(and(eq(importFileParts.jobId, jobId), eq(importFileParts.file, "upload")));
  return rows;
}
