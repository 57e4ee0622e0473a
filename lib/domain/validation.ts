import { z } from "zod";

/** Flattens zod issues into `{ "sizes.top": ["Too long"] }`, the shape forms and APIs report. */
export function fieldErrorsFrom(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** The longest address mail carries (RFC 5321): longer ones are refused at every boundary, never stored. */
export const MAX_EMAIL_LENGTH = 254;

/** An email address as every boundary checks it (after trimming): valid, and no longer than mail carries. */
export const emailAddress = (invalid: string) => z.email(invalid).max(MAX_EMAIL_LENGTH, "That email address is too long");

/** A number as a form types it ("12", "-3", "0.25"): anything else ("0x30", "1e2", "", "1,5") is NaN, which a schema names. */
export function readTypedNumber(text: string): number {
  const trimmed = text.trim();
  return /^-?\d+(?:\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/**
 * A whole number as a form (or a hand-made request) types it: digits, with a minus sign at most, so "1e1", "0x5" and
 * "1,2" are refused rather than read as 10, 5 and 12. A number passes as itself, so a parsed form parses again.
 * `missing` is said for a blank; `bounds` adds the field's limits.
 */
export function typedWholeNumber(missing: string, bounds: (n: z.ZodNumber) => z.ZodNumber = (n) => n) {
  const read = (v: unknown) => {
    if (typeof v !== "string") return v;
    if (v.trim() === "") return undefined;
    const n = readTypedNumber(v);
    return Number.isNaN(n) ? v : n;
  };
  return z.preprocess(read, bounds(z.number({ error: (issue) => (issue.input === undefined ? missing : "Use a whole number, like 3") }).int("Use a whole number, like 3")));
}

/**
 * The codes ICU knows, and the ISO 4217 codes some ICU builds leave out (funds, metals, codes newer than the build),
 * so that what a shop may send does not change with the server's Node version.
 */
const KNOWN_CURRENCIES = new Set([
  ...Intl.supportedValuesOf("currency"),
  ...["BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW", "VED", "VES", "SLE", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCG", "XDR", "XPD", "XPT", "XSU", "XUA", "ZWG"],
]);

/** A currency code as every boundary takes it: three letters, upper-cased, one ISO 4217 lists ("XYZ" would be shown as money nobody has). */
export const currencyCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, "Use a 3-letter currency code like USD")
  .transform((code) => code.toUpperCase())
  .refine((code) => KNOWN_CURRENCIES.has(code), "Use a currency code ISO 4217 lists, like USD or EUR");

/** The earliest year a day from outside may name: the database holds no year 0, and nothing here predates 1900. */
const FIRST_YEAR = 1900;

/**
 * Whether `text` is YYYY-MM-DD naming a real day (not 31 February, which Date rolls over into March) in a year the
 * database holds (FIRST_YEAR to 9999). The one check for days from URLs and forms.
 */
export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number(text.slice(0, 4)) < FIRST_YEAR) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text);
}

/** How far ahead of this server's clock a moment from outside may be: clocks differ, and a day covers any zone. */
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/** The earliest year a moment from outside may carry: the database has no year 0, and nothing a shop runs predates 1970. */
export const EARLIEST_MOMENT_YEAR = 1970;

/** Whether a moment from outside is one the database holds and that has come (see FUTURE_TOLERANCE_MS). */
export const isPlausibleMoment = (at: Date, now = Date.now()) => at.getUTCFullYear() >= EARLIEST_MOMENT_YEAR && at.getTime() <= now + FUTURE_TOLERANCE_MS;

/** A calendar day (see isCalendarDay) as YYYY-MM-DD. */
export const calendarDay = (message = "Enter a real date, like 2026-06-30") => z.string().trim().refine(isCalendarDay, { message, abort: true });

/** Whether a filter's first day comes after its last, so no day lies between them (either may be unset). */
export const daysOutOfOrder = (from: string | undefined, to: string | undefined): boolean => from !== undefined && to !== undefined && from > to;

/** An optional calendar day from a URL; blank or anything else means none. */
export const optionalDayParam = z.preprocess((v) => (v === "" ? undefined : v), calendarDay().optional().catch(undefined));
