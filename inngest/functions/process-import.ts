import "server-only";
import { NonRetriableError } from "inngest";
import { inngest } from "@/inngest/client";
import { importUploaded } from "@/inngest/events";
import { markImportFailed, processImport } from "@/lib/server/ingest/import/process-import";

/**
 * Checks an uploaded CSV, or imports its valid rows, reading the file from the database (any instance can).
 * One run per job at a time. Idempotent (see processImport). Retries: 3; after the last, the job is marked
 * failed with the error, and the Import page can resume it.
 */
export const processImportFunction = inngest.createFunction(
  { id: "process-import", name: "Process a CSV import", triggers: [importUploaded], retries: 3, concurrency: { key: "event.data.jobId", limit: 1 } },
  async ({ event, step, attempt, maxAttempts }) => {
    const { jobId, phase } = event.data;
    return step.run(phase === "validate" ? "check-file" : "import-rows", async () => {
      try {
        return await processImport(jobId, phase);
      } catch (error) {
        if (maxAttempts !== undefined && attempt + 1 < maxAttempts) throw error;
        await markImportFailed(jobId, phase, error);
        throw new NonRetriableError(error instanceof Error ? error.message : String(error));
      }
    });
  },
);
