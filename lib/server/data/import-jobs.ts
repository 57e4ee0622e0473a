import "server-only";
import { z } from "zod";
import { desc, eq, ne } from "drizzle-orm";
import { isInterrupted, progressPercent } from "@/lib/domain/ingest/import-progress";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { type ImportJob, importJobs, users } from "@/lib/server/db/schema";
import { NotFoundError } from "@/lib/server/errors";

/** What the import page shows of a job, and what it polls. Dates as ISO strings: it travels as JSON. */
export function importJobView(job: ImportJob, createdByName: string | null, now = new Date()) {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    interrupted: isInterrupted(job, now),
    percent: progressPercent(job),
    fileName: job.fileName,
    fileBytes: job.fileBytes,
    totalRows: job.totalRows,
    validRows: job.validRows,
    invalidRows: job.invalidRows,
    importedRows: job.importedRows,
    created: job.created,
    updated: job.updated,
    unchanged: job.unchanged,
    columns: job.columns,
    previewRows: job.previewRows,
    errorSample: job.errorSample,
    error: job.error,
    createdBy: createdByName,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

export type ImportJobView = ReturnType<typeof importJobView>;

export async function getImportJob(ctx: ServiceContext, jobId: string): Promise<ImportJobView> {
  authorize(ctx.actor, "data.import");
  if (!z.uuid().safeParse(jobId).success) throw new NotFoundError("Import");
  const [row] = await ctx.db.select({ job: importJobs, name: users.name }).from(importJobs).leftJoin(users, eq(users.id, importJobs.createdBy)).where(eq(importJobs.id, jobId));
  if (!row) throw new NotFoundError("Import");
  return importJobView(row.job, row.name);
}

/** The latest imports, leaving out uploads whose parts are still arriving (or were abandoned). */
export async function listImportJobs(ctx: ServiceContext, limit = 10): Promise<ImportJobView[]> {
  authorize(ctx.actor, "data.import");
  const rows = await ctx.db.select({ job: importJobs, name: users.name }).from(importJobs).leftJoin(users, eq(users.id, importJobs.createdBy)).where(ne(importJobs.status, "uploading")).orderBy(desc(importJobs.createdAt)).limit(limit);
  return rows.map((r) => importJobView(r.job, r.name));
}
