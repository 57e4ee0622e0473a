// IANA time zone names: which ones a client may have, and the list a form offers.

/**
 * ICU lists some zones under names the IANA database has since replaced (Asia/Calcutta for Asia/Kolkata, Europe/Kiev
 * for Europe/Kyiv): browsers and order systems send either. The list offers the current names; both are accepted.
 */
const CURRENT_NAMES: Readonly<Record<string, string>> = {
  "Asia/Calcutta": "Asia/Kolkata",
  "Europe/Kiev": "Europe/Kyiv",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Asia/Rangoon": "Asia/Yangon",
  "America/Godthab": "America/Nuuk",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Truk": "Pacific/Chuuk",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Louisville": "America/Kentucky/Louisville",
};

const IANA_NAME = /^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$/;
// The names met almost always, looked up without asking Intl: making a formatter costs about 40 µs, a CSV import's
// every client row checks its zone, and a lookup costs nothing. Names outside it are checked and not remembered.
const LISTED = new Set(["UTC", ...Intl.supportedValuesOf("timeZone"), ...Object.values(CURRENT_NAMES)]);

/** Whether `name` is UTC or an IANA zone name this runtime knows, under its current name or an older one. */
export function isKnownTimeZone(name: string): boolean {
  if (LISTED.has(name)) return true;
  if (!IANA_NAME.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** UTC, then every zone this runtime knows in its current name, sorted; `current` too if it is known but not among them. */
export function timeZoneChoices(current?: string): string[] {
  const names = new Set(Intl.supportedValuesOf("timeZone").map((name) => CURRENT_NAMES[name] ?? name));
  if (current && current !== "UTC" && isKnownTimeZone(current)) names.add(current);
  return ["UTC", ...[...names].sort()];
}
