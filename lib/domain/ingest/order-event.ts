import { z } from "zod";
import { MAX_VALUE_CENTS, ORDER_STATUSES } from "@/lib/domain/orders/order-input";
import { currencyCode, EARLIEST_MOMENT_YEAR, emailAddress, FUTURE_TOLERANCE_MS } from "@/lib/domain/validation";
import type { IngestOrder } from "./ingest-types";


export const MAX_ITEMS_PER_ORDER = 50;

export const emailField = z
  .string({ error: "Give the client's email address" })
  .trim()
  .min(1, "Give the client's email address")
  .pipe(emailAddress("Not a valid email address"));

/** An ISO 8601 date-time with a zone ("2026-05-01T10:00:00Z"): without the zone the moment is ambiguous. */
export const dateTimeField = (label: string) =>
  z
    .string({ error: `Give ${label} as an ISO 8601 date-time` })
    .pipe(z.iso.datetime({ offset: true, error: `Give ${label} as an ISO 8601 date-time with a zone, like 2026-05-01T10:00:00Z` }))
    .transform((text) => new Date(text))
    .refine((d) => d.getUTCFullYear() >= EARLIEST_MOMENT_YEAR, `${label} must be after ${EARLIEST_MOMENT_YEAR}`)
    .refine((d) => d.getTime() <= Date.now() + FUTURE_TOLERANCE_MS, `${label} cannot be in the future`);

/** When an order was placed: a date-time (see dateTimeField) from 2000 on. */
export const orderedAt = (label: string) => dateTimeField(label).refine((d) => d.getUTCFullYear() >= 2000, `${label} must be after 2000`);

/** One order as our webhook (and the CSV import, after column mapping) describes it. */
export const orderEventSchema = z
  .object({
    external_id: z.string({ error: "Give the order's id in your system" }).trim().min(1, "Give the order's id in your system").max(200, "Keep ids to 200 characters or fewer"),
    client_email: emailField,
    client_name: z.string().trim().min(1, "Leave client_name out rather than empty").max(120, "Keep the name to 120 characters or fewer").optional(),
    ordered_at: orderedAt("ordered_at"),
    updated_at: dateTimeField("updated_at"),
    items_shipped: z.number({ error: "Give items_shipped as a whole number" }).int("Use a whole number").min(1, "At least 1 item is shipped in a fix").max(MAX_ITEMS_PER_ORDER, `At most ${MAX_ITEMS_PER_ORDER} items`),
    items_kept: z.number({ error: "Give items_kept as a whole number" }).int("Use a whole number").min(0, "Cannot be negative"),
    // A body's integers of 16 digits or more arrive quoted (see quoteLongIntegers): too large, not of the wrong type.
    value_cents: z.number({ error: (issue) => (typeof issue.input === "string" && /^\d{16,}$/.test(issue.input) ? "That value is too large" : "Give value_cents as a whole number of cents") }).int("Give the value in whole cents").min(0, "Cannot be negative").max(MAX_VALUE_CENTS, "That value is too large"),
    currency: currencyCode.default("USD"),
    status: z.enum(ORDER_STATUSES, `Use one of: ${ORDER_STATUSES.join(", ")}`).default("placed"),
  })
  .refine((o) => o.items_kept <= o.items_shipped, {
    path: ["items_kept"],
    message: "Cannot keep more items than were shipped",
    // Checked even when other fields are wrong, so a sender sees every problem at once.
    when: ({ value }) => {
      const o = value as { items_kept?: unknown; items_shipped?: unknown };
      return Number.isInteger(o.items_kept) && Number.isInteger(o.items_shipped);
    },
  });

export function toIngestOrder(o: z.output<typeof orderEventSchema>): IngestOrder {
  return {
    externalId: o.external_id,
    clientEmail: o.client_email,
    clientName: o.client_name ?? null,
    orderedAt: o.ordered_at,
    updatedAt: o.updated_at,
    itemsShipped: o.items_shipped,
    itemsKept: o.items_kept,
    valueCents: o.value_cents,
    currency: o.currency,
    status: o.status,
  };
}

/** Who sent the orders: with external_id, what makes an order unique. */
export const sourceField = z
  .string({ error: "Name the system that sends these orders, like acme-oms" })
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{0,39}$/i, "Use 1-40 letters, digits, dots, dashes or underscores, like acme-oms");
