import "server-only";
import { isUniqueViolation } from "@/lib/server/errors";

/** A race lost to a concurrent writer (an insert of the same email or order); the whole transaction is simply run again. */
export class RetryableIngestConflict extends Error {}

const RETRYABLE_CODES = new Set(["40001", "40P01"]); // serialization failure, deadlock

function isRetryable(error: unknown): boolean {
  if (error instanceof RetryableIngestConflict) return true;
  // A receipt recorded by a concurrent copy of the delivery: run again, and answer with that one.
  if (isUniqueViolation(error, "webhook_receipts_event_key")) return true;
  const cause = (error as { cause?: unknown })?.cause ?? error;
  return RETRYABLE_CODES.has((cause as { code?: string })?.code ?? "");
}

/**
 * Runs a transaction again when Postgres had to abort it for a reason that is not the data's fault
 * (a deadlock between two batches, a lost insert race), so the sender does not see a 5xx for it.
 */
export async function withIngestRetry<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, attempt * 10 + Math.random() * 20));
    }
  }
}
