import type { Eligibility } from "./eligibility";

/**
 * What the client page's win-back card says about whether a win-back email may be drafted now (see winBackStanding),
 * with `formatMoment` writing a date in the viewer's words. Why not, where not, so nobody writes a draft the send
 * would stop.
 */
export function winBackStandingNote(standing: Eligibility, formatMoment: (date: Date) => string): string {
  if (standing.eligible) return "A personal note, written from this client's history. Review it, edit it, approve it.";
  const until = standing.until ? formatMoment(standing.until) : null;
  switch (standing.reason) {
    case "no_consent":
      return "This client has not agreed to marketing email, so no win-back email can be sent.";
    case "suppressed":
      return "This client's address is on the suppression list (they unsubscribed, or mail to it bounced or was marked as spam), so no win-back email can be sent.";
    case "never_ordered":
      return "This client has not had a fix yet, so there is nothing to win back: win-back emails are for clients who have ordered.";
    case "held_out":
      return `This client is in the holdout${until ? ` until ${until}` : ""}: they get no win-back email and no extra attention (they are left off Today), so what they do shows what the emails add.`;
    case "too_soon":
      return `This client was emailed recently. The next win-back email can be written${until ? ` from ${until}` : " once the gap set under Settings → Email has passed"}.`;
    case "ordered_since":
      return "This client has ordered since the last draft was written.";
    case "in_flight":
      return "Another win-back email for this client is already on its way.";
  }
}
