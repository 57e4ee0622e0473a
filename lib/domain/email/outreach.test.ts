import { describe, expect, it } from "vitest";
import { entersWinBack, firstRunOutreachNotice, importOutreachNotice, outreachRoute, pendingOutreachNotice, stylistHandlingWait } from "./outreach";

describe("outreach", () => {
  it("enters win-back on a move into at risk or lapsed, and on a first score there", () => {
    expect(entersWinBack("watch", "at_risk")).toBe(true);
    expect(entersWinBack("healthy", "lapsed")).toBe(true);
    expect(entersWinBack(null, "at_risk")).toBe(true);
    expect(entersWinBack("at_risk", "lapsed")).toBe(false);
    expect(entersWinBack("lapsed", "watch")).toBe(false);
  });
  it("routes by policy", () => {
    const policy = { autoSendTiers: ["lapsed" as const], reviewTiers: ["at_risk" as const] };
    expect(outreachRoute("lapsed", policy)).toBe("auto_send");
    expect(outreachRoute("at_risk", policy)).toBe("review");
    expect(outreachRoute("watch", policy)).toBe("none");
  });
  it("warns what a first full rescoring sets off, the way the policy routes each win-back tier", () => {
    expect(firstRunOutreachNotice({ autoSendTiers: [], reviewTiers: [] })).toBeNull();
    expect(firstRunOutreachNotice({ autoSendTiers: [], reviewTiers: ["watch"] })).toBeNull();
    expect(firstRunOutreachNotice({ autoSendTiers: [], reviewTiers: ["at_risk", "lapsed"] })).toContain("at once: a client at risk or lapsed gets a draft to review, unless");
    const mixed = firstRunOutreachNotice({ autoSendTiers: ["lapsed"], reviewTiers: ["at_risk", "lapsed"] });
    expect(mixed).toContain("a client at risk gets a draft to review; a lapsed client gets an email sent without review (auto-send), unless");
    expect(importOutreachNotice({ autoSendTiers: [], reviewTiers: ["at_risk"] })).toBe(
      "Imported clients are scored, and those first scored at risk or lapsed enter win-back outreach at once: a client at risk gets a draft to review, unless held out or without marketing consent.",
    );
    expect(importOutreachNotice({ autoSendTiers: [], reviewTiers: [] })).toBeNull();
    const review = { autoSendTiers: [], reviewTiers: ["at_risk" as const] };
    expect(pendingOutreachNotice(0, false, review)).toBeNull();
    expect(pendingOutreachNotice(1, false, review)).toMatch(/^1 client at risk or lapsed has not been handed/);
    expect(pendingOutreachNotice(1_000, true, review)).toMatch(/^1,000\+ clients at risk or lapsed have not been handed/);
  });
});

describe("stylistHandlingWait", () => {
  const now = new Date("2026-12-08T10:00:00Z");
  const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
  const wait = (handling: { lastContactAt?: Date; snoozedUntil?: Date }) =>
    stylistHandlingWait({ lastContactAt: handling.lastContactAt ?? null, snoozedUntil: handling.snoozedUntil ?? null }, { now, minDaysBetweenEmails: 21 });

  it("waits out a running snooze, and the gap between emails after a logged contact", () => {
    expect(wait({ snoozedUntil: days(5) })).toEqual({ reason: "Their stylist snoozed them: outreach waits until the snooze ends.", until: days(5) });
    expect(wait({ lastContactAt: days(-3) })).toMatchObject({ until: days(18) });
    expect(wait({ lastContactAt: days(-3) })?.reason).toContain("waits 21 days after a contact");
  });

  it("goes ahead once the snooze has ended and the gap has passed, or with neither", () => {
    expect(wait({})).toBeNull();
    expect(wait({ snoozedUntil: days(-1), lastContactAt: days(-21) })).toBeNull();
  });
});

