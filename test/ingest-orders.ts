import type { IngestOrder } from "@/lib/domain/ingest/ingest-types";

/** An order as the ingest store receives it (already validated), at version `updatedAt`. */
export function ingestOrder(externalId: string, updatedAt: string, overrides: Partial<IngestOrder> = {}): IngestOrder {
  return {
    externalId,
    clientEmail: "ada@example.com",
    clientName: "Ada",
    orderedAt: new Date("2026-05-01T10:00:00Z"),
    updatedAt: new Date(updatedAt),
    itemsShipped: 5,
    itemsKept: 2,
    valueCents: 15_000,
    currency: "USD",
    status: "shipped",
    ...overrides,
  };
}
