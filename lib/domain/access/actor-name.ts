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

/** The actor of a webhook signed with an API key: the key's name, apart from Shopify's "webhook:shopify". */
export const apiKeyWebhookActor = (keyName: string) => `webhook-key:${keyName}`;

const keyWebhook = (keyName: string) => `Webhook with key “${keyName}” (automatic)`;

/**
 * A webhook's actor: Shopify's ("webhook:shopify"), or one signed with an API key ("webhook-key:Order system"). Rows
 * written before keys had their own prefix say "webhook:Order system"; only a key named "shopify" reads wrongly there.
 */
function webhookName(work: string): string | null {
  if (work.startsWith("webhook-key:")) return keyWebhook(work.slice("webhook-key:".length));
  if (!work.startsWith("webhook:")) return null;
  const source = work.slice("webhook:".length);
  return source === "shopify" ? "Shopify webhook (automatic)" : keyWebhook(source);
}

/** A stored actor label without a person's address ("Ann Lee <ann@x>" → "Ann Lee"); a system label stays as it is. */
function withoutAddress(label: string): string {
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
