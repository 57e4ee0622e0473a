import { createHash } from "node:crypto";

/**
 * The key of a send batch, made from its email ids alone (sorted, so their order does not matter): a retried batch
 * gets the same key, so Resend (which keeps an idempotency key for 24 hours) delivers it once, and the emails it
 * claims carry it, so only that batch may send them. Up to Resend's 256 characters.
 */
export function sendBatchKey(emailIds: readonly string[]): string {
  const ids = [...new Set(emailIds)].sort();
  return `win-back-batch-${createHash("sha256").update(ids.join(",")).digest("hex").slice(0, 40)}`;
}

/** Splits `items` into runs of at most `size`, in order. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
