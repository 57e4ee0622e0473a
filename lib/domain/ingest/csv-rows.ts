import type { z } from "zod";
import { parseMoneyToCents } from "@/lib/domain/orders/order-input";
import { clientEventSchema, toIngestClientProfile } from "./client-event";
import type { IngestClientProfile, IngestOrder } from "./ingest-types";
import { orderEventSchema, sourceField, toIngestOrder } from "./order-event";
import { CSV_COLUMNS } from "./csv-columns";
export { missingColumns, normalizeHeader } from "./csv-columns";

const CSV_READ = { orders: [...CSV_COLUMNS.orders.required, ...CSV_COLUMNS.orders.optional], clients: [...CSV_COLUMNS.clients.required, ...CSV_COLUMNS.clients.optional] };

export type CsvFieldError = { field: string; message: string };
export type CsvRow = Record<string, string>;

const DEFAULT_CSV_SOURCE = "csv";

const given = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v.trim());
const numberish = (v: string | undefined) => {
  const text = given(v);
  if (text === undefined) return undefined;
  const n = Number(text);
  return Number.isFinite(n) && /^-?[\d.]+$/.test(text) ? n : text;
};
/** A cell holding a date alone ("2026-01-05"), or undefined. */
const dayAlone = (v: string | undefined) => {
  const text = given(v);
  return text && /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : undefined;
};
// A date alone is read at `hour` UTC; a date-time needs its zone, as in the webhook.
const dateish = (v: string | undefined, hour = "00") => {
  const day = dayAlone(v);
  return day ? `${day}T${hour}:00:00Z` : given(v);
};
// An order's day alone is checked at noon UTC, and stored at noon of that day in its client's timezone once the client
// is known (IngestOrder.orderedDay), as the order form stores any day but today (see orderedAtIn): midnight UTC showed
// as the day before anywhere west of UTC, and noon UTC as the next day from UTC+12. Today too, unlike the form: a
// file imported again must put its orders where it put them the first time.
const orderDay = (v: string | undefined) => dateish(v, "12");
const booleanish = (v: string | undefined) => {
  const text = given(v)?.toLowerCase();
  if (text === undefined) return undefined;
  if (["yes", "y", "true", "1"].includes(text)) return true;
  if (["no", "n", "false", "0"].includes(text)) return false;
  return text;
};

/** Zod paths back to the CSV column they came from. */
function fieldErrors(error: z.ZodError, rename: Record<string, string> = {}): CsvFieldError[] {
  return error.issues.map((issue) => {
    const key = issue.path.map(String).join(".");
    const field = rename[key] ?? rename[String(issue.path[0])] ?? String(issue.path[0] ?? "row");
    return { field, message: issue.message };
  });
}

/**
 * The columns (of those the import reads) whose cell holds a NUL character: no text column can store one, so a
 * row with one is rejected here rather than failing the import when it is written.
 */
function nulErrors(row: CsvRow, columns: string[]): CsvFieldError[] {
  return columns.filter((c) => row[c]?.includes("\0")).map((field) => ({ field, message: "Contains a NUL character, which cannot be stored; remove it" }));
}

type OrderRowResult = { ok: true; source: string; order: IngestOrder } | { ok: false; errors: CsvFieldError[] };

export function validateOrderRow(row: CsvRow, defaults: { updatedAt: Date }): OrderRowResult {
  const nul = nulErrors(row, CSV_READ.orders);
  if (nul.length) return { ok: false, errors: nul };
  const errors: CsvFieldError[] = [];
  const source = sourceField.safeParse(given(row.source) ?? DEFAULT_CSV_SOURCE);
  if (!source.success) errors.push({ field: "source", message: source.error.issues[0]?.message ?? "Invalid source" });

  let valueCents: unknown = numberish(row.value_cents);
  const usesValue = valueCents === undefined && given(row.value) !== undefined;
  if (usesValue) {
    valueCents = parseMoneyToCents(given(row.value) ?? "");
    if (valueCents === null) errors.push({ field: "value", message: "Give the kept value as an amount like 129.50" });
  }
  const parsed = orderEventSchema.safeParse({
    external_id: given(row.external_id),
    client_email: given(row.client_email),
    client_name: given(row.client_name),
    ordered_at: orderDay(row.ordered_at),
    updated_at: dateish(row.updated_at) ?? defaults.updatedAt.toISOString(),
    items_shipped: numberish(row.items_shipped),
    items_kept: numberish(row.items_kept),
    value_cents: valueCents ?? undefined,
    currency: given(row.currency),
    status: given(row.status)?.toLowerCase(),
  });
  if (!parsed.success) {
    // An unreadable value is already reported above, in the column's own words.
    const unreadableValue = usesValue && valueCents === null;
    for (const e of fieldErrors(parsed.error, usesValue ? { value_cents: "value" } : {})) if (!(unreadableValue && e.field === "value")) errors.push(e);
  }
  if (errors.length || !parsed.success || !source.success) return { ok: false, errors };
  const orderedDay = dayAlone(row.ordered_at);
  return { ok: true, source: source.data, order: orderedDay ? { ...toIngestOrder(parsed.data), orderedDay } : toIngestOrder(parsed.data) };
}

type ClientRowResult = { ok: true; profile: IngestClientProfile } | { ok: false; errors: CsvFieldError[] };

/** `defaults.updatedAt` versions rows without an updated_at column: the time the file was uploaded. */
export function validateClientRow(row: CsvRow, defaults: { updatedAt: Date }): ClientRowResult {
  const nul = nulErrors(row, CSV_READ.clients);
  if (nul.length) return { ok: false, errors: nul };
  const sizes = { top: given(row.size_top), bottom: given(row.size_bottom), dress: given(row.size_dress), shoe: given(row.size_shoe) };
  const anySize = Object.values(sizes).some((v) => v !== undefined);
  const styles = given(row.preferred_styles)
    ?.split(/[;|,]/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const parsed = clientEventSchema.safeParse({
    email: given(row.email),
    name: given(row.name),
    sizes: anySize ? sizes : undefined,
    preferred_styles: styles,
    budget_band: given(row.budget_band)?.toLowerCase(),
    marketing_consent: booleanish(row.marketing_consent),
    timezone: given(row.timezone),
    notes: given(row.notes),
    updated_at: dateish(row.updated_at) ?? defaults.updatedAt.toISOString(),
  });
  if (!parsed.success) {
    return { ok: false, errors: fieldErrors(parsed.error, { "sizes.top": "size_top", "sizes.bottom": "size_bottom", "sizes.dress": "size_dress", "sizes.shoe": "size_shoe" }) };
  }
  return { ok: true, profile: toIngestClientProfile(parsed.data) };
}

/**
 * One CSV field, quoted when it has to be. A cell a spreadsheet could run as a formula (one starting with
 * = + - @, a tab or a carriage return: OWASP's rule, negative numbers included) gets a leading quote.
 */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: string[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

export function describeErrors(errors: CsvFieldError[]): string {
  return errors.map((e) => `${e.field}: ${e.message}`).join("; ");
}
