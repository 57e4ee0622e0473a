// A client list as CSV a spreadsheet opens safely.

type ExportRow = {
  id: string;
  name: string;
  email: string;
  stylistName: string | null;
  engagementTier: string | null;
  engagementScore: number | null;
  pAlive: number | null;
  orderCount: number;
  lastOrderAt: Date | null;
};

const HEADER = ["id", "name", "email", "stylist", "tier", "score", "p_alive", "orders", "last_order_at"];

/**
 * One CSV field: quoted when it holds a comma, quote or line break; a text that a spreadsheet would run as a formula
 * (starting with = + - @, tab or carriage return) is prefixed with a quote mark so it stays text.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function clientsCsv(rows: readonly ExportRow[]): string {
  const lines = rows.map((r) =>
    [r.id, r.name, r.email, r.stylistName, r.engagementTier, r.engagementScore, r.pAlive === null ? null : Number(r.pAlive.toFixed(4)), r.orderCount, r.lastOrderAt?.toISOString() ?? null]
      .map(csvField)
      .join(","),
  );
  return [HEADER.join(","), ...lines].join("\r\n") + "\r\n";
}
