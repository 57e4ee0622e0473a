import "server-only";
import { NonRetriableError } from "inngest";
import { inngest } from "@/inngest/client";
import { importUploaded } from "@/inngest/events";
import { ImportFailure, importFailureMessage } from "@/lib/server/ingest/import/import-failure";
import { failImport } from "@/lib/server/services/imports/fail-import";
import { processImport } from "@/lib/server/services/imports/process-import";
import { systemContext } from "./system";

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
    const ctx = systemContext("import");
    return step.run(phase === "validate" ? "check-file" : "import-rows", async () => {
      try {
        return await processImport({ ctx, input: { jobId, phase } });
      } catch (error) {
        // An ImportFailure (not a CSV, a chunk the store refused after its own retries) is final: say so at once.
        if (!(error instanceof ImportFailure) && maxAttempts !== undefined && attempt + 1 < maxAttempts) throw error;
        console.error(`Import ${jobId} failed while ${phase === "validate" ? "checking" : "importing"}`, error);
        // The user reads this: only an ImportFailure's own words, never a driver's message (SQL, row data).
        await failImport({ ctx, input: { jobId, phase, message: importFailureMessage(error, phase) } });
        throw new NonRetriableError(error instanceof Error ? error.message : String(error));
      }
    });
  },
);
