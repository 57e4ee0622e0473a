import { InngestTestEngine } from "@inngest/test";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DEFAULT_WIN_BACK_SETTINGS } from "@/lib/domain/email/win-back-settings";
import { isHeldOut } from "@/lib/domain/email/holdout";
import { db } from "@/lib/server/db/client";
import { appSettings, eventOutbox, outreachAssignments, winBackEmails } from "@/lib/server/db/schema";
import { rescoreClient } from "@/lib/server/services/engagement/rescore-client";
import { DAYTIME, clientWithFix, setScore } from "@/test/email-fixtures";
import { userContext } from "@/test/fixtures";
import { outreachFunction } from "./outreach";

// The outreach function's logic, run by @inngest/test's engine; the tier-changed event as rescoring writes it.
const tierChanged = (clientId: string, fromTier: string | null, toTier: string, score: number) =>
  [{ name: "rekindle/client.tier-changed", data: { clientId, fromTier, toTier, score, enteredAt: DAYTIME.toISOString() } }] as [{ name: "rekindle/client.tier-changed"; data: Record<string, unknown> }];

async function clientInGroup(held: boolean, share: number) {
  const stylist = await userContext("stylist");
  for (let i = 0; i < 50; i++) {
    const client = await clientWithFix(stylist, stylist.actor.id);
    if (isHeldOut({ seed: DEFAULT_WIN_BACK_SETTINGS.holdoutSeed, clientId: client.id, tier: "at_risk", share }) === held) return client;
  }
  throw new Error("no client in the wanted group");
}

describe("outreach", () => {
  it("drafts for a client who falls into at risk with a score of 0, once however often the event comes", async () => {
    await db.insert(appSettings).values({ key: "win_back", value: { ...DEFAULT_WIN_BACK_SETTINGS, holdoutShare: 0 } });
    const client = await clientInGroup(false, 0);
    await setScore(client.id, 0, "at_risk");
    const run = () => new InngestTestEngine({ function: outreachFunction, events: tierChanged(client.id, "watch", "at_risk", 0) }).execute();
    const { result } = await run();
    expect(result).toMatchObject({ clientId: client.id, outcome: "drafted", route: "review", emailId: expect.any(String) });
    const [email] = await db.select().from(winBackEmails).where(eq(winBackEmails.clientId, client.id));
    expect(email).toMatchObject({ state: "draft", origin: "outreach", tier: "at_risk" });
    // A repeated event (a retry, a replay) answers the same draft.
    expect((await run()).result).toMatchObject({ outcome: "drafted", route: "review", emailId: email?.id });
    expect(await db.$count(winBackEmails)).toBe(1);
  });

  it("holds a client out: no email, but an assignment row", async () => {
    await db.insert(appSettings).values({ key: "win_back", value: { ...DEFAULT_WIN_BACK_SETTINGS, holdoutShare: 0.5 } });
    const client = await clientInGroup(true, 0.5);
    await setScore(client.id, 12, "at_risk");
    const { result } = await new InngestTestEngine({ function: outreachFunction, events: tierChanged(client.id, null, "at_risk", 12) }).execute();
    expect(result).toMatchObject({ outcome: "holdout" });
    expect(await db.$count(winBackEmails)).toBe(0);
    expect(await db.select({ group: outreachAssignments.group, tier: outreachAssignments.tier }).from(outreachAssignments).where(eq(outreachAssignments.clientId, client.id))).toEqual([
      { group: "holdout", tier: "at_risk" },
    ]);
  });

  it("ignores a move within win-back or out of it", async () => {
    const client = await clientInGroup(false, 0);
    const { result } = await new InngestTestEngine({ function: outreachFunction, events: tierChanged(client.id, "at_risk", "lapsed", 3) }).execute();
    expect(result).toMatchObject({ outcome: "not_an_entry" });
    expect(await db.$count(outreachAssignments)).toBe(0);
  });
});

describe("the tier-changed event", () => {
  it("is written for a client's first score too (a first score enters its tier)", async () => {
    const stylist = await userContext("stylist");
    const client = await clientWithFix(stylist, stylist.actor.id);
    await db.execute(sql`update client_scores set score = null, tier = null, scored_at = null where client_id = ${client.id}`);
    await db.delete(eventOutbox);
    const assessed = await rescoreClient({ ctx: { actor: { type: "system", name: "test" }, db }, input: { clientId: client.id } });
    const rows = await db.select().from(eventOutbox).where(sql`name = 'rekindle/client.tier-changed'`);
    expect(rows.map((r) => r.data)).toEqual([{ clientId: client.id, fromTier: null, toTier: assessed.tier, score: assessed.score, enteredAt: expect.any(String) }]);
  });
});
