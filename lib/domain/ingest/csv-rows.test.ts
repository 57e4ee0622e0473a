import { describe, expect, it } from "vitest";
import { dayInZone } from "@/lib/domain/time/format";
import { csvLine, missingColumns, normalizeHeader, validateClientRow, validateOrderRow } from "./csv-rows";

const importedAt = new Date("2026-06-01T00:00:00Z");
const row = (overrides: Record<string, string> = {}) => ({
  external_id: "A-1",
  client_email: "ada@example.com",
  ordered_at: "2026-05-01",
  items_shipped: "5",
  items_kept: "2",
  value: "$129.50",
  ...overrides,
});

describe("CSV order rows", () => {
  it("reads values in major units, an order's date alone as that day (checked at noon UTC), and defaults the version and source", () => {
    const result = validateOrderRow(row(), { updatedAt: importedAt });
    expect(result).toEqual({
      ok: true,
      source: "csv",
      order: expect.objectContaining({ externalId: "A-1", valueCents: 12_950, orderedAt: new Date("2026-05-01T12:00:00Z"), orderedDay: "2026-05-01", updatedAt: importedAt, status: "placed" }),
    });
    // The day the file gave is the day a client west or east of UTC is shown (at midnight UTC, New York saw April 30).
    const orderedAt = result.ok ? result.order.orderedAt : new Date(Number.NaN);
    for (const zone of ["America/New_York", "America/Los_Angeles", "Europe/Berlin", "Asia/Tokyo"]) expect(dayInZone(orderedAt, zone), zone).toBe("2026-05-01");
  });

  it("names each bad column with the reason", () => {
    const result = validateOrderRow(row({ value: "lots", items_kept: "7", ordered_at: "01/05/2026", source: "two words" }), { updatedAt: importedAt });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      { field: "source", message: "Use 1-40 letters, digits, dots, dashes or underscores, like acme-oms" },
      { field: "value", message: "Give the kept value as an amount like 129.50" },
      { field: "ordered_at", message: "Give ordered_at as an ISO 8601 date-time with a zone, like 2026-05-01T10:00:00Z" },
      { field: "items_kept", message: "Cannot keep more items than were shipped" },
    ]);
  });

  it("prefers value_cents when both are given", () => {
    const result = validateOrderRow(row({ value_cents: "999" }), { updatedAt: importedAt });
    expect(result.ok && result.order.valueCents).toBe(999);
  });

  it("lists the columns a file lacks", () => {
    expect(missingColumns("orders", ["external_id", "client_email"])).toEqual(["ordered_at", "items_shipped", "items_kept", "value (or value_cents)"]);
    expect(missingColumns("clients", ["email", "name"])).toEqual([]);
    expect(normalizeHeader("\uFEFF Client Email")).toBe("client_email");
  });
});

describe("CSV client rows", () => {
  const UPLOADED = { updatedAt: new Date("2026-06-01T00:00:00Z") };

  it("versions a row by its updated_at column, else by the upload's time", () => {
    const row = { email: "ada@example.com", name: "Ada" };
    expect(validateClientRow(row, UPLOADED)).toMatchObject({ ok: true, profile: { updatedAt: UPLOADED.updatedAt } });
    expect(validateClientRow({ ...row, updated_at: "2026-02-01" }, UPLOADED)).toMatchObject({ ok: true, profile: { updatedAt: new Date("2026-02-01T00:00:00Z") } });
  });

  it("reads sizes, styles and yes/no consent", () => {
    const result = validateClientRow({ email: "ada@example.com", name: "Ada", size_top: "M", preferred_styles: "Classic; minimal", marketing_consent: "yes", timezone: "" }, UPLOADED);
    expect(result).toEqual({ ok: true, profile: expect.objectContaining({ sizes: { top: "M", bottom: undefined, dress: undefined, shoe: undefined }, preferredStyles: ["classic", "minimal"], marketingConsent: true, timezone: undefined, updatedAt: UPLOADED.updatedAt }) });
  });

  it("names bad columns by their CSV names", () => {
    const result = validateClientRow({ email: "ada", name: "", size_top: "X".repeat(20), marketing_consent: "maybe" }, UPLOADED);
    expect(!result.ok && result.errors.map((e) => e.field)).toEqual(["email", "name", "size_top", "marketing_consent"]);
  });
});

describe("CSV output", () => {
  it("quotes where needed and defuses formulas", () => {
    expect(csvLine(["a", "b,c", 'say "hi"', "=SUM(A1)", "-5", "line\nbreak"])).toBe('a,"b,c","say ""hi""",\'=SUM(A1),\'-5,"line\nbreak"\r\n');
  });
});
