/** The fields that differ between an audit row's before and after, for showing what changed. */
export type FieldChange = { field: string; before: unknown; after: unknown };

function flatten(value: unknown, prefix = ""): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return prefix ? { [prefix]: value } : {};
  return Object.entries(value as Record<string, unknown>).reduce<Record<string, unknown>>(
    (out, [k, v]) => Object.assign(out, flatten(v, prefix ? `${prefix}.${k}` : k)),
    {},
  );
}

// Bookkeeping that moves on every save: versions and timestamps.
const IGNORED = new Set(["updatedAt", "createdAt", "id", "profileVersion", "consentVersion"]);

export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !IGNORED.has(k));
  return keys.filter((k) => comparable(a[k]) !== comparable(b[k])).map((field) => ({ field, before: a[field], after: b[field] }));
}

/** Lists of plain values are sets here (styles, tiers): putting them in another order changes nothing. */
function comparable(value: unknown): string {
  if (Array.isArray(value) && value.every((v) => typeof v !== "object" || v === null)) return JSON.stringify([...value].map(String).sort());
  return JSON.stringify(value);
}
