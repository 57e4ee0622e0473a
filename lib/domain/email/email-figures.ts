import { EMAIL_STATES, type EmailState, REVIEWABLE_STATES } from "./lifecycle";

export type StateCount = { state: EmailState; count: number };

/**
 * A figure on the overview: how many, its share of its base (null when the base is 0), and the email state behind it;
 * `shareStatus`, where the share counts emails of its own (the drafted ones discarded), the state behind those.
 */
export type EmailFigure = { key: EmailFigureKey; label: string; count: number; rate: number | null; rateOf: string | null; status: QueueStatus; shareStatus?: QueueStatus };
export type EmailFigureKey = "drafted" | "awaitingReview" | "sent" | "delivered" | "opened" | "clicked" | "bounced";

export const EMAIL_FIGURE_LABELS: Record<EmailFigureKey, string> = {
  drafted: "Drafted",
  awaitingReview: "Awaiting review",
  sent: "Sent",
  delivered: "Delivered",
  opened: "Opened",
  clicked: "Clicked",
  bounced: "Bounced",
};

/** States an email passes through on its way to each figure: an opened email was delivered, a click was an open. */
const REACHED: Record<Exclude<EmailFigureKey, "drafted" | "awaitingReview">, readonly EmailState[]> = {
  sent: ["sent", "delivered", "opened", "clicked", "bounced", "complained"],
  delivered: ["delivered", "opened", "clicked", "complained"],
  opened: ["opened", "clicked"],
  clicked: ["clicked"],
  bounced: ["bounced"],
};

/**
 * The email funnel from counts per current state: drafted (every email, with the share discarded), awaiting review (drafts), then sent,
 * delivered, opened, clicked and bounced, each counting the emails that got at least that far. Delivered and bounced
 * are rates of sent, opened of delivered, clicked of opened.
 */
export function emailFigures(counts: readonly StateCount[]): EmailFigure[] {
  const total = (states: readonly EmailState[]) => counts.reduce((sum, c) => sum + (states.includes(c.state) ? c.count : 0), 0);
  const drafted = counts.reduce((sum, c) => sum + c.count, 0);
  const awaiting = total(["draft"]);
  const discarded = total(["discarded"]);
  const sent = total(REACHED.sent);
  const delivered = total(REACHED.delivered);
  const opened = total(REACHED.opened);
  const clicked = total(REACHED.clicked);
  const bounced = total(REACHED.bounced);
  const rate = (n: number, base: number) => (base > 0 ? n / base : null);
  return [
    // Discarded emails count as drafted (turned down in review, replaced by Regenerate, or stopped by the app: an
    // unsubscribe, a send that found the client ineligible): the share says why sent reads low.
    { key: "drafted", label: EMAIL_FIGURE_LABELS.drafted, count: drafted, rate: rate(discarded, drafted), rateOf: "discarded", status: "all", shareStatus: "discarded" },
    { key: "awaitingReview", label: EMAIL_FIGURE_LABELS.awaitingReview, count: awaiting, rate: rate(awaiting, drafted), rateOf: "of drafted", status: "draft" },
    { key: "sent", label: EMAIL_FIGURE_LABELS.sent, count: sent, rate: rate(sent, drafted), rateOf: "of drafted", status: "reached_sent" },
    { key: "delivered", label: EMAIL_FIGURE_LABELS.delivered, count: delivered, rate: rate(delivered, sent), rateOf: "of sent", status: "reached_delivered" },
    { key: "opened", label: EMAIL_FIGURE_LABELS.opened, count: opened, rate: rate(opened, delivered), rateOf: "of delivered", status: "reached_opened" },
    { key: "clicked", label: EMAIL_FIGURE_LABELS.clicked, count: clicked, rate: rate(clicked, opened), rateOf: "of opened", status: "clicked" },
    { key: "bounced", label: EMAIL_FIGURE_LABELS.bounced, count: bounced, rate: rate(bounced, sent), rateOf: "of sent", status: "bounced" },
  ];
}

/** The review queue's status filter: one state, or a set (waiting for review, every email, every email that got at least as far as a stage). */
export const QUEUE_STATUSES = [...EMAIL_STATES, "pending", "all", "reached_sent", "reached_delivered", "reached_opened"] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

/** The states a queue status stands for; null for every state. */
export function statesOfQueueStatus(status: QueueStatus): readonly EmailState[] | null {
  if (status === "all") return null;
  if (status === "pending") return REVIEWABLE_STATES;
  if (status === "reached_sent") return REACHED.sent;
  if (status === "reached_delivered") return REACHED.delivered;
  if (status === "reached_opened") return REACHED.opened;
  return [status];
}
