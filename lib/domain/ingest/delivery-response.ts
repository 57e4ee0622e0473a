import type { ItemOutcome } from "./ingest-types";
import type { IngestIssue } from "./issues";

export type DeliveryResult = { index: number; id: string | null; outcome: ItemOutcome | "rejected" };

export type DeliveryResponse = {
  event_id: string;
  status: "accepted" | "partial";
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  results: DeliveryResult[];
  errors: IngestIssue[];
};

/**
 * The answer to a processed delivery, in the order the items were sent: what became of each valid item
 * (created, updated, or unchanged because it was a repeat or an older version) and why each other one was rejected.
 */
export function deliveryResponse(input: {
  eventId: string;
  received: number;
  stored: { index: number; id: string; outcome: ItemOutcome }[];
  issues: IngestIssue[];
}): DeliveryResponse {
  const byIndex = new Map(input.stored.map((s) => [s.index, s]));
  const results: DeliveryResult[] = [];
  const counts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (let index = 0; index < input.received; index++) {
    const stored = byIndex.get(index);
    const outcome = stored?.outcome ?? "rejected";
    counts[outcome]++;
    results.push({ index, id: stored?.id ?? null, outcome });
  }
  return { event_id: input.eventId, status: counts.rejected ? "partial" : "accepted", received: input.received, ...counts, results, errors: input.issues };
}
