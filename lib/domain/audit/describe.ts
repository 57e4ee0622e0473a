// How an audit row reads to a person: a sentence with names, and the changed fields in the app's own words.
import { changedFields, type FieldChange } from "./changes";

const ACTIONS: Record<string, string> = {
  "api_key.create": "created the API key",
  "api_key.revoke": "revoked the API key",
  "client.create": "added the client",
  "client.update": "updated the profile of",
  "client.consent": "recorded a marketing consent change for",
  "clients.assign": "reassigned clients",
  "order.create": "added an order for",
  "order.update": "changed an order of",
  "order.cancel": "cancelled an order of",
  "scoring.full_rescore.start": "started a full rescoring",
  "settings.engagement.update": "changed the engagement settings",
  "settings.email_policy.update": "changed the email policy",
  "settings.shopify.update": "changed the Shopify connection",
  "user.create": "added the user",
  "user.role.change": "changed the role of",
  "user.password.set": "set a new password for",
  "user.deactivate": "deactivated",
  "user.reactivate": "reactivated",
  "import.orders.upload": "uploaded an orders file",
  "import.clients.upload": "uploaded a client profiles file",
  "import.orders.start": "started importing orders",
  "import.clients.start": "started importing client profiles",
  "import.orders.finish": "finished importing orders",
  "import.clients.finish": "finished importing client profiles",
  "import.orders.fail": "could not finish importing orders",
  "import.clients.fail": "could not finish importing client profiles",
};

/** "changed the role of": what an action did, for the sentence "Alex Admin changed the role of Priya". */
export function actionText(action: string): string {
  return ACTIONS[action] ?? action.replaceAll(/[._]/g, " ");
}

/** The actions a filter offers, in the words the log uses. */
export const KNOWN_ACTIONS = Object.keys(ACTIONS);

// Bookkeeping no one asked about: ids, timestamps, and Auth.js's own columns.
const HIDDEN = new Set(["id", "createdAt", "updatedAt", "image", "emailVerified", "passwordHash", "searchText", "clientId", "externalId", "lastOrderAt", "orderCount"]);

const LABELS: Record<string, string> = {
  "tiers.healthy": "Healthy from",
  "tiers.watch": "Watch from",
  "tiers.atRisk": "At risk from",
  "weights.recency": "Recency weight",
  "weights.frequency": "Frequency weight",
  "weights.value": "Value weight",
  "weights.keepRate": "Keep rate weight",
  valueScaleCents: "Full-value order (cents)",
  priorIntervalDays: "Expected rhythm (days)",
  pAliveAtRiskBelow: "At risk below P(alive)",
  stylistId: "Stylist",
  valueCents: "Kept value (cents)",
  clientsUnassigned: "Clients left without a stylist",
  deactivatedAt: "Deactivated",
};

/** "preferredStyles" → "Preferred styles"; "sizes.top" → "Sizes: top". */
export function fieldLabel(field: string): string {
  const known = LABELS[field];
  if (known) return known;
  const words = (s: string) => s.replaceAll(/([a-z0-9])([A-Z])/g, "$1 $2").replaceAll("_", " ").toLowerCase();
  const [head = "", ...rest] = field.split(".");
  const first = words(head);
  const label = first.charAt(0).toUpperCase() + first.slice(1);
  return rest.length ? `${label}: ${rest.map(words).join(" ")}` : label;
}

/** The changes worth showing: real ones (a reordered list is not one), without bookkeeping fields, labelled. */
export function describedChanges(before: unknown, after: unknown): (FieldChange & { label: string })[] {
  const empty = (v: unknown) => v === undefined || v === null || v === "";
  return changedFields(before, after)
    .filter((c) => !HIDDEN.has(c.field.split(".").at(-1) ?? c.field) && !(empty(c.before) && empty(c.after)))
    .map((c) => ({ ...c, label: fieldLabel(c.field) }));
}
