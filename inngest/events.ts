import { eventType } from "inngest";
import { z } from "zod";

/**
 * Every event the app sends, with its zod schema: the one list functions trigger on and the outbox writes.
 * Add an event by adding an entry here (name and schema); `AppEventName` and `AppEventData` follow.
 */
export const eventSchemas = {
  /** A client's orders were created, changed or cancelled: rescore that client. */
  "rekindle/client.orders-changed": z.object({ clientId: z.uuid() }),
  /** A client's profile was created or changed (app, webhook, import). */
  "rekindle/client.profile-updated": z.object({ clientId: z.uuid() }),
  /**
   * A rescoring moved a client to another engagement tier, or gave a client their first score (`fromTier` null: a
   * first score counts as entering its tier). `enteredAt` is the as-of time of that score: one entry, one outreach.
   */
  "rekindle/client.tier-changed": z.object({
    clientId: z.uuid(),
    fromTier: z.enum(["healthy", "watch", "at_risk", "lapsed"]).nullable(),
    toTier: z.enum(["healthy", "watch", "at_risk", "lapsed"]),
    score: z.number().int(),
    enteredAt: z.iso.datetime({ offset: true }),
    /** Set when a demo tier override (Settings → Demo) made the change rather than a rescoring. */
    demo: z.literal(true).optional(),
  }),
  /** A win-back email was approved and scheduled (review queue, bulk approval, auto-send policy, catch-up): send it when due. */
  "rekindle/email.approved": z.object({ emailId: z.uuid() }),
  /** An approved email's time has come (send-email waited for it): the batched send-email-batch sends it with others due. */
  "rekindle/email.due": z.object({ emailId: z.uuid() }),
  /** A full rescoring was queued (Settings → Scoring, a large import, the nightly schedule); chunkSize: clients per step (default 25,000). */
  "rekindle/scoring.run-requested": z.object({ runId: z.uuid(), chunkSize: z.number().int().min(1).max(100_000).optional() }),
  /** A CSV upload is stored and waits to be checked ("validate") or imported ("import"). */
  "rekindle/import.uploaded": z.object({ jobId: z.uuid(), phase: z.enum(["validate", "import"]) }),
} as const;

export type AppEventName = keyof typeof eventSchemas;
export type AppEventData<N extends AppEventName> = z.output<(typeof eventSchemas)[N]>;
/** An event as the outbox stores it, before it has an id. */
export type AppEvent = { [N in AppEventName]: { name: N; data: AppEventData<N> } }[AppEventName];

export const clientOrdersChanged = eventType("rekindle/client.orders-changed", { schema: eventSchemas["rekindle/client.orders-changed"] });
export const clientProfileUpdated = eventType("rekindle/client.profile-updated", { schema: eventSchemas["rekindle/client.profile-updated"] });
export const clientTierChanged = eventType("rekindle/client.tier-changed", { schema: eventSchemas["rekindle/client.tier-changed"] });
export const emailApproved = eventType("rekindle/email.approved", { schema: eventSchemas["rekindle/email.approved"] });
export const emailDue = eventType("rekindle/email.due", { schema: eventSchemas["rekindle/email.due"] });
export const scoringRunRequested = eventType("rekindle/scoring.run-requested", { schema: eventSchemas["rekindle/scoring.run-requested"] });
export const importUploaded = eventType("rekindle/import.uploaded", { schema: eventSchemas["rekindle/import.uploaded"] });

/** Checks an event against its schema before it is written: a bad payload fails the change that made it. */
export function appEvent<N extends AppEventName>(name: N, data: AppEventData<N>): AppEvent {
  return { name, data: eventSchemas[name].parse(data) } as AppEvent;
}
