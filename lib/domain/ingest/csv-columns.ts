// The columns of an import file: kept apart from the row rules so the upload form can show them without loading zod.

export type CsvKind = "clients" | "orders";

/** The columns each kind of file is read by; any others are ignored. */
export const CSV_COLUMNS: Record<CsvKind, { required: string[]; optional: string[] }> = {
  orders: {
    required: ["external_id", "client_email", "ordered_at", "items_shipped", "items_kept"],
    optional: ["value", "value_cents", "client_name", "currency", "status", "updated_at", "source"],
  },
  clients: {
    required: ["email", "name"],
    optional: ["size_top", "size_bottom", "size_dress", "size_shoe", "preferred_styles", "budget_band", "marketing_consent", "timezone", "notes", "updated_at"],
  },
};

/** "Client Email" → "client_email", so headers match however a spreadsheet spelled them. */
export function normalizeHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

export function missingColumns(kind: CsvKind, headers: string[]): string[] {
  const present = new Set(headers);
  const missing = CSV_COLUMNS[kind].required.filter((c) => !present.has(c));
  if (kind === "orders" && !present.has("value") && !present.has("value_cents")) missing.push("value (or value_cents)");
  return missing;
}
