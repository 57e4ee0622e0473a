import "server-only";
import { eq, sql } from "drizzle-orm";
import { db } from "@/lib/server/db/client";
import { importJobs } from "@/lib/server/db/schema";
import { ImportFailure, unexpectedFailureMessage } from "./import-failure";
import { importValidRows } from "./run-import";
import { validateImportFile } from "./validate-import";

export type ImportPhase = "validate" | "import";

/**
 * One phase of an import, for the import function. A phase the job is no longer in (a repeated event, a
 * replayed run) does nothing; checking starts over when repeated, importing resumes after its last chunk.
 */
export async function processImport(jobId: string, phase: ImportPhase): Promise<{ status: string }> {
  const [job] = await db.select({ status: importJobs.status }).from(importJobs).where(eq(importJobs.id, jobId));
  if (!job) return { status: "gone" };
  const expected = phase === "validate" ? "validating" : "importing";
  if (job.status !== expected) return { status: job.status };
  if (phase === "validate") await validateImportFile(jobId);
  else await importValidRows(jobId);
  const [after] = await db.select({ status: importJobs.status }).from(importJobs).where(eq(importJobs.id, jobId));
  return { status: after?.status ?? "gone" };
}

/** After the last retry: the job shows the error, and the page offers to resume it. */
export async function markImportFailed(jobId: string, phase: ImportPhase, error: unknown): Promise<void> {
  console.error(`Import ${jobId} failed while ${phase === "validate" ? "checking" : "importing"}`, error);
  // The user reads this: only an ImportFailure's own words, never a driver's message (SQL, row data).
  await db
    .update(importJobs)
    .set({ status: "failed", error: error instanceof ImportFailure ? error.message : unexpectedFailureMessage(phase), finishedAt: sql`now()` })
    .where(eq(importJobs.id, jobId));
}
