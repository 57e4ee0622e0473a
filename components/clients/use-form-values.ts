import type { ActionState } from "@/lib/forms/action-state";

/**
 * React resets a form after its action runs; after an error we re-fill it from what was sent,
 * falling back to the saved record. `error(name)` gives the first message for a field.
 */
export function formValues(state: ActionState, saved: Record<string, string | string[] | undefined>) {
  const sent = state.status === "error" ? state.values : null;
  return {
    value: (name: string): string => {
      const v = sent ? sent[name] : saved[name];
      return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
    },
    values: (name: string): string[] => {
      const v = sent ? (sent[name] ?? []) : saved[name];
      return Array.isArray(v) ? v : v ? [v] : [];
    },
    checked: (name: string): boolean => (sent ? sent[name] === "on" : saved[name] === "on"),
    error: (...names: string[]): string | undefined => {
      if (state.status !== "error") return undefined;
      for (const name of names) {
        const found = state.fieldErrors[name]?.[0];
        if (found) return found;
      }
      return undefined;
    },
    /** The first message for a list field or any of its items ("allowedOffers", "allowedOffers.3"). */
    errorIn: (name: string): string | undefined => {
      if (state.status !== "error") return undefined;
      const key = Object.keys(state.fieldErrors).find((k) => k === name || k.startsWith(`${name}.`));
      return key ? state.fieldErrors[key]?.[0] : undefined;
    },
    // A new key after each failed submit remounts the fields with the sent values.
    key: state.status === "error" ? JSON.stringify(state.values) : "saved",
  };
}
