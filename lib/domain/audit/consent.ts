/** A client whose marketing consent was given or withdrawn: what the audit log records, with the actor who did it. */
export type ConsentChange = { clientId: string; email: string; before: boolean | null; after: boolean; version: string };

/**
 * The audit row of one consent change ("client.consent"). Every path that sets consent writes one (the
 * forms, the webhooks, the CSV import), so who gave or withdrew it, and when, is never only implied.
 */
export function consentAuditEntry(change: ConsentChange, extra: Record<string, unknown> = {}) {
  return {
    action: "client.consent",
    entityType: "client",
    entityId: change.clientId,
    before: change.before === null ? null : { marketingConsent: change.before },
    after: { marketingConsent: change.after, email: change.email, version: change.version, ...extra },
  };
}
