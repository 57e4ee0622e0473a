import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/server/db/client";
import { importJobs } from "@/lib/server/db/schema";
import { ImportFailure, unexpectedFailureMessage } from "./import-failure";
import { importValidRows } from "./run-import";
import { validateImportFile } from "./validate-import";

/**
 * Imports run in the background of the server process that received them (a later issue moves them
 * to Inngest). Jobs running in this process, so the same one is never started twice here.
 */
const running = new Map<string, Promise<void>>();

export function runImportInBackground(jobId: string, phase: "validate" | "import"): Promise<void> {
  const existing = running.get(jobId);
  if (existing) return existing;
  const work = (phase === "validate" ? validateImportFile(jobId) : importValidRows(jobId))
    .catch(async (error: unknown) => {
      console.error(`Import ${jobId} failed while ${phase === "validate" ? "checking" : "importing"}`, error);
      // The user reads this: only an ImportFailure's own words, never a driver's message (SQL, row data).
      await db
        .update(importJobs)
        .set({
          status: "failed",
          error: error instanceof ImportFailure ? error.message : unexpectedFailureMessage(phase),
          finishedAt: new Date(),
        })
        .where(eq(importJobs.id, jobId))
        .catch((e) => console.error("Could not mark the import failed", e));
    })
    .finally(() => running.delete(jobId));
  running.set(jobId, work);
  return work;
}

/** Resolves when the job's current background work (if any in this process) has finished. */
export function importSettled(jobId: string): Promise<void> {
  return running.get(jobId) ?? Promise.resolve();
}
