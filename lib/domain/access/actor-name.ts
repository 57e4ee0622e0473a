/** Who made a change, as people read it: a person by name, the app's own work by what it was doing. */
const SYSTEM_WORK: Record<string, string> = {
  outreach: "Win-back outreach (automatic)",
  "send-email": "Sending (automatic)",
  "nightly-sweep": "Nightly sweep (automatic)",
  nightly: "Nightly run (automatic)",
  import: "Import (automatic)",
  rescoring: "Rescoring (automatic)",
  "resend-webhook": "Resend webhook (automatic)",
  unsubscribe: "Unsubscribe link (the client)",
};

/** An orders webhook's actor names the API key it came with ("webhook:Order system"), or Shopify's. */
function webhookName(work: string): string | null {
  if (!work.startsWith("webhook:")) return null;
  const source = work.slice("webhook:".length);
  return source === "shopify" ? "Shopify webhook (automatic)" : `Webhook with key “${source}” (automatic)`;
}

/** A stored actor label without a person's address ("Ann Lee <ann@x>" → "Ann Lee"); a system label stays as it is. */
export function withoutAddress(label: string): string {
  return label.replace(/\s*<[^>]*>$/, "") || label;
}

/** From a stored actor label (actorLabel: "system:outreach", or "Ava Thompson <ava@…>"). */
export function actorName(label: string): string {
  if (label.startsWith("system:")) {
    const work = label.slice("system:".length);
    return SYSTEM_WORK[work] ?? webhookName(work) ?? `Rekindle (${work.replaceAll("-", " ")}, automatic)`;
  }
  return withoutAddress(label);
}
