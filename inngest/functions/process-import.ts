import "server-only";
import { NonRetriableError } from "inngest";
import { inngest } from "@/inngest/client";
import { importUploaded } from "@/inngest/events";
import { ImportFailure } from "@/lib/server/ingest/import/import-failure";
import { markImportFailed, processImport } from "@/lib/server/ingest/import/process-import";

/**
 * Checks an uploaded CSV, or imports its valid rows, reading the file from the database (any instance can).
 * One run per job at a time. Idempotent (see processImport). Retries: 3 for unexpected faults; after the last,
 * or at once for an ImportFailure (a message for the uploader), the job is marked failed and the Import page
 * can resume it.
 */
export const processImportFunction = inngest.createFunction(
  { id: "process-import", name: "Process a CSV import", triggers: [importUploaded], retries: 3, concurrency: { key: "event.data.jobId", limit: 1 } },
  async ({ event, step, attempt, maxAttempts }) => {
    const { jobId, phase } = event.data;
    return step.run(phase === "validate" ? "check-file" : "import-rows", async () => {
      try {
        return await processImport(jobId, phase);
      } catch (error) {
        // An ImportFailure (not a CSV, a chunk the store refused after its own retries) is final: say so at once.
        if (!(error instanceof ImportFailure) && maxAttempts !== undefined && attempt + 1 < maxAttempts) throw error;
        await markImportFailed(jobId, phase, error);
        throw new NonRetriableError(error instanceof Error ? error.message : String(error));
      }
    });
  },
);
