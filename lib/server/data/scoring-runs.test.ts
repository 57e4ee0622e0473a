import { describe, expect, it } from "vitest";
import type { SystemActor } from "@/lib/domain/access/policy";
import { db } from "@/lib/server/db/client";
import { eq } from "drizzle-orm";
import { clients, outreachAssignments, scoringRuns, tierChanges } from "@/lib/server/db/schema";
import { insertEmail } from "@/test/email-fixtures";
import { runFullRescore } from "@/lib/server/services/engagement/run-full-rescore";
import { insertDemoClients, queueRun } from "@/test/engagement-fixtures";
import { userContext } from "@/test/fixtures";
import { firstRunOutreachNotice, pendingOutreachNotice } from "@/lib/domain/email/outreach";
import { getLatestScoringRun, nextRunOutreachNoticeFor } from "./scoring-runs";
import { winBackEntriesWithoutOutreach } from "./outreach-entries";
import { readSettings } from "./settings";

const SYSTEM: SystemActor = { type: "system", name: "test" };

describe("getLatestScoringRun", () => {
  it("says how many clients a finished run moved between tiers, and which way", async () => {
    const admin = await userContext("admin");
    await insertDemoClients(20, new Date("2026-06-01T00:00:00Z"));
    for (const asOf of ["2026-06-01T00:00:00Z", "2026-12-01T00:00:00Z"]) {
      const run = await queueRun(new Date(asOf));
      await runFullRescore({ ctx: { actor: SYSTEM, db }, input: { runId: run.id, chunkSize: 50 } });
    }
    const view = await getLatestScoringRun(admin);
    const stored = await db.select().from(tierChanges);
    const ofRun = stored.filter((c) => c.runId === view?.id);
    expect(view?.status).toBe("succeeded");
    expect(ofRun.length).toBeGreaterThan(0);
    expect(view?.tierChanges?.changed).toBe(ofRun.length);
    // Six months without orders: clients only fall.
    expect(view?.tierChanges).toMatchObject({ rose: 0, fell: ofRun.length });
  });

  it("says how many clients a finished run handed to win-back outreach, held out, waiting for review or approved", async () => {
    const admin = await userContext("admin");
    const ids = await insertDemoClients(6, new Date("2026-06-01T00:00:00Z"));
    const run = await queueRun(new Date("2026-06-01T00:00:00Z"));
    await runFullRescore({ ctx: { actor: SYSTEM, db }, input: { runId: run.id, chunkSize: 50 } });
    expect((await getLatestScoringRun(admin))?.outreach).toEqual({ entered: 0, heldOut: 0, awaitingReview: 0, approved: 0, discarded: 0 });

    const [held, drafted, scheduled, discarded, earlier] = ids;
    const assign = async (clientId: string | undefined, o: { group: "emailed" | "holdout"; state?: "draft" | "scheduled" | "discarded"; enteredAt?: Date }) => {
      if (!clientId) throw new Error("too few clients");
      const email = o.state ? await insertEmail(clientId, o.state, "at_risk") : null;
      await db.insert(outreachAssignments).values({ clientId, tier: "at_risk", group: o.group, holdoutShare: 0.1, emailId: email?.id ?? null, enteredAt: o.enteredAt ?? run.asOf });
    };
    await assign(held, { group: "holdout" });
    await assign(drafted, { group: "emailed", state: "draft" });
    await assign(scheduled, { group: "emailed", state: "scheduled" });
    await assign(discarded, { group: "emailed", state: "discarded" });
    // An entry of another day (an earlier tier change) is not this run's.
    await assign(earlier, { group: "emailed", state: "draft", enteredAt: new Date("2026-05-20T00:00:00Z") });
    expect((await getLatestScoringRun(admin))?.outreach).toEqual({ entered: 4, heldOut: 1, awaitingReview: 1, approved: 1, discarded: 1 });
  });

  it("warns what the next full rescoring hands to outreach at once: everyone slipping before the first run, then those outreach has not had", async () => {
    const admin = await userContext("admin");
    await insertDemoClients(60, new Date("2026-06-01T00:00:00Z"));
    const policy = await readSettings(db, "email_policy");
    expect(firstRunOutreachNotice(policy)).not.toBeNull();
    expect(await nextRunOutreachNoticeFor(admin)).toBe(firstRunOutreachNotice(policy));
    const failed = await queueRun(new Date("2026-06-01T00:00:00Z"));
    await db.update(scoringRuns).set({ status: "failed" }).where(eq(scoringRuns.id, failed.id));
    expect(await nextRunOutreachNoticeFor(admin)).toBe(firstRunOutreachNotice(policy));

    // Scored in process, without the function's hand-off: the slipping clients with consent are still waiting.
    await db.update(clients).set({ marketingConsent: true });
    const run = await queueRun(new Date("2026-06-02T00:00:00Z"));
    await runFullRescore({ ctx: { actor: SYSTEM, db }, input: { runId: run.id, chunkSize: 50 } });
    const waiting = await winBackEntriesWithoutOutreach(db, 1_000);
    expect(waiting.length).toBeGreaterThan(0);
    expect(await nextRunOutreachNoticeFor(admin)).toBe(pendingOutreachNotice(waiting.length, false, policy));
    expect(await nextRunOutreachNoticeFor(admin)).toContain(`${waiting.length} clients at risk or lapsed have not been handed to win-back outreach yet`);

    // One with an email already on its way would be turned away, so it is not counted as about to get one.
    const [first] = waiting;
    if (!first) throw new Error("no waiting client");
    await insertEmail(first.clientId, "draft", "at_risk", { origin: "stylist" });
    expect(await nextRunOutreachNoticeFor(admin)).toBe(pendingOutreachNotice(waiting.length - 1, false, policy));

    // Once outreach has had them, nothing waits.
    await db.insert(outreachAssignments).values(waiting.map((e) => ({ clientId: e.clientId, tier: e.toTier, group: "emailed" as const, holdoutShare: 0.1, enteredAt: new Date(e.enteredAt) })));
    expect(await nextRunOutreachNoticeFor(admin)).toBeNull();
  });
});
