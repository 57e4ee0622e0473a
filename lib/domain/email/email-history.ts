import { EMAIL_STATE_LABELS, type EmailState } from "./lifecycle";

/** One line of an email's history: a move between states, or a person's edit of its words. */
type EmailHistoryEntry = { key: string; at: Date; title: string; actorLabel: string; detail: string | null };

type Transition = { id: number; at: Date; fromState: EmailState | null; toState: EmailState; actorLabel: string; reason: string | null };
type Edit = { id: string; at: Date; actorLabel: string; before: unknown; after: unknown };

const FIELD_NAMES = { subject: "subject", preheader: "preview text", body: "body", callToAction: "button text" } as const;

/** Which of the email's words an edit changed, in words: "Changed the subject and body." */
function changedWords(before: unknown, after: unknown): string | null {
  const was = (before ?? {}) as Record<string, unknown>;
  const now = (after ?? {}) as Record<string, unknown>;
  // Line endings and spacing a form sends back differently are no change of words.
  const words = (value: unknown) => String(value ?? "").replace(/\s+/g, " ").trim();
  const changed = (Object.keys(FIELD_NAMES) as (keyof typeof FIELD_NAMES)[]).filter((field) => words(was[field]) !== words(now[field])).map((field) => FIELD_NAMES[field]);
  if (changed.length === 0) return null;
  const list = changed.length === 1 ? changed[0] : `${changed.slice(0, -1).join(", ")} and ${changed.at(-1)}`;
  return `Changed the ${list}.`;
}

/**
 * The email's history, oldest first: its moves between states and the edits people made to its words (an edit of a
 * draft moves no state, so without these a reviewer could not tell that a person rewrote what the writer drafted).
 */
export function emailHistory(transitions: readonly Transition[], edits: readonly Edit[]): EmailHistoryEntry[] {
  const moves = transitions.map((t) => ({
    key: `t${t.id}`,
    at: t.at,
    title: `${t.fromState ? `${EMAIL_STATE_LABELS[t.fromState]} → ` : ""}${EMAIL_STATE_LABELS[t.toState]}`,
    actorLabel: t.actorLabel,
    detail: t.reason,
  }));
  const rewrites = edits.map((e) => ({ key: `e${e.id}`, at: e.at, title: "Edited", actorLabel: e.actorLabel, detail: changedWords(e.before, e.after) }));
  return [...moves, ...rewrites].sort((a, b) => a.at.getTime() - b.at.getTime());
}
