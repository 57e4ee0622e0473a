import "server-only";
import { inngest } from "@/inngest/client";
import { clientOrdersChanged } from "@/inngest/events";
import { clientsWithStaleScores } from "@/lib/server/data/engagement-sweep";
import { db } from "@/lib/server/db/client";
import { forwardOutbox } from "@/lib/server/events/outbox";
import { expireTierOverrides } from "@/lib/server/services/demo/expire-tier-overrides";
import { discardEmailsWithoutOrders } from "@/lib/server/services/emails/discard-emails-without-orders";
import { rebuildEmailStats } from "@/lib/server/services/emails/rebuild-email-stats";
import { systemContext } from "./system";
import { handEntriesToOutreach } from "./win-back-entries";

/** Enough for any night's stragglers; a larger backlog is what the nightly full rescoring is for. */
const SWEEP_LIMIT = 10_000;

/**
 * Nightly: rescues what slipped through. Outbox rows never forwarded (a process died between commit and
 * send) are sent; clients whose orders changed after their last score get an orders-changed event, whose
 * ids are fixed per night and client so a retried sweep sends each once; clients in at risk or lapsed whose entry
 * has no outreach yet get a tier-changed event (ids fixed per entry); demo tier overrides past their expiry are
 * deleted (pages ignore them from the moment they expire); emails on their way to clients with no order left are
 * discarded (see discardEmailsWithoutOrders); the overview's email aggregates are rebuilt from the emails (see
 * rebuildEmailStats). Retries: 2.
 */
export const nightlySweepFunction = inngest.createFunction(
  { id: "nightly-sweep", name: "Nightly sweep", triggers: [{ cron: "30 2 * * *" }], retries: 2, concurrency: { limit: 1 } },
  async ({ event, step }) => {
    const forwarded = await step.run("forward-stuck-outbox-rows", () => forwardOutbox({ createdBefore: new Date(Date.now() - 60_000) }));
    const stale = await step.run("find-clients-with-stale-scores", () => clientsWithStaleScores(db, SWEEP_LIMIT));
    const night = new Date(event.ts ?? Date.now()).toISOString().slice(0, 10);
    if (stale.length) await step.sendEvent("rescore-stale-clients", stale.map((clientId) => clientOrdersChanged.create({ clientId }, { id: `sweep:${night}:${clientId}` })));
    const outreach = await handEntriesToOutreach((id, work) => step.run(id, work));
    const expiredOverrides = await step.run("delete-expired-tier-overrides", () => expireTierOverrides({ ctx: systemContext("nightly-sweep") }));
    // What a full run or a large import left: they rescore without looking at emails.
    const discarded = await step.run("discard-emails-without-orders", () => discardEmailsWithoutOrders({ ctx: systemContext("nightly-sweep"), input: {} }));
    await step.run("rebuild-email-stats", () => rebuildEmailStats({ ctx: systemContext("nightly-sweep") }));
    return { forwarded, rescored: stale.length, outreach, expiredOverrides, discarded };
  },
);
