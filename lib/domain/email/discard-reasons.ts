// Why the app itself discarded an email, in the words its history records. A redraft heeds the drafts people turned
// down (a reviewer's discard, a Regenerate), not these.

/** Regenerate: the draft on its way was replaced by a new one (turned down, with no reason given). */
export const REPLACED_BY_NEW_DRAFT = "Replaced by a new draft";
/** The client unsubscribed while the email waited: nothing about the email itself. */
export const CLIENT_UNSUBSCRIBED = "The client unsubscribed";
/** A send found the client no longer eligible (consent withdrawn, suppressed, …): the history reads "Not sent: …". */
export const NOT_SENT_PREFIX = "Not sent: ";
/** The client has no order left (none yet, or only cancelled ones): a win-back email would recall a fix that never happened. */
export const NO_ORDERS_LEFT = "The client has no order (none yet, or only cancelled ones)";
