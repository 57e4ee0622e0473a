import { describe, expect, it } from "vitest";
import { buildTimeline } from "./timeline";

describe("buildTimeline", () => {
  it("puts orders, tier changes and people's actions in one list, newest first, each described", () => {
    const entries = buildTimeline([
      { kind: "order", at: new Date("2026-03-01T10:00:00Z"), id: "o1", status: "shipped", itemsShipped: 5, itemsKept: 2, valueCents: 15_000, currency: "USD" },
      { kind: "tier", at: new Date("2026-06-01T00:00:00Z"), id: "7", fromTier: "watch", toTier: "at_risk", score: 34 },
      { kind: "action", at: new Date("2026-06-02T09:00:00Z"), id: "a1", action: "client.snooze", actorLabel: "Ann Lee <ann@rekindle.test>", after: { reason: "Spoke on the phone", days: 7 } },
      { kind: "tier", at: new Date("2026-01-01T00:00:00Z"), id: "1", fromTier: null, toTier: "healthy", score: 81 },
      { kind: "action", at: new Date("2025-12-01T00:00:00Z"), id: "a0", action: "client.create", actorLabel: "system:import", after: {} },
      { kind: "action", at: new Date("2025-11-01T00:00:00Z"), id: "a-1", action: "client.consent", actorLabel: "system:import", after: { marketingConsent: false } },
      { kind: "action", at: new Date("2025-10-01T00:00:00Z"), id: "a-2", action: "client.update", actorLabel: "system:webhook:shopify", after: {} },
      { kind: "action", at: new Date("2025-09-01T00:00:00Z"), id: "a-3", action: "client.create", actorLabel: "system:webhook:Order system", after: {} },
    ]);
    expect(entries.map((e) => [e.title, e.detail])).toEqual([
      ["Snoozed on Today by Ann Lee", "For 7 days: Spoke on the phone"],
      ["Watch → At risk", "Score 34"],
      ["Order shipped", "5 shipped, 2 kept · $150.00"],
      ["Scored Healthy", "Score 81"],
      ["Client created by Import (automatic)", null],
      ["Marketing consent changed by Import (automatic)", "Consent withdrawn"],
      ["Profile updated by Shopify webhook (automatic)", null],
      ["Client created by Webhook with key “Order system” (automatic)", null],
    ]);
  });

  it("lists an order before the tier change it caused at the same moment", () => {
    const at = new Date("2026-06-01T00:00:00Z");
    const entries = buildTimeline([
      { kind: "tier", at, id: "2", fromTier: "lapsed", toTier: "healthy", score: 75 },
      { kind: "order", at, id: "o2", status: "placed", itemsShipped: 4, itemsKept: 4, valueCents: 20_000, currency: "USD" },
    ]);
    expect(entries.map((e) => e.kind)).toEqual(["order", "tier"]);
  });

  it("tells win-back outreach and its email's moments, naming who decided and not who reported", () => {
    const entries = buildTimeline([
      { kind: "outreach", at: new Date("2026-06-01T00:05:00Z"), id: "a1", tier: "at_risk", group: "emailed" },
      { kind: "email", at: new Date("2026-06-01T00:06:00Z"), id: "1", fromState: null, state: "draft", subject: "We miss you", actorLabel: "system:outreach", reason: "Written offline: no key" },
      { kind: "email", at: new Date("2026-06-01T09:00:00Z"), id: "2", fromState: "draft", state: "approved", subject: "We miss you", actorLabel: "Ann Lee <ann@rekindle.test>", reason: null },
      { kind: "email", at: new Date("2026-06-02T10:00:00Z"), id: "3", fromState: "delivered", state: "opened", subject: "We miss you", actorLabel: "system:resend-webhook", reason: null },
      { kind: "email", at: new Date("2026-07-01T10:00:00Z"), id: "4", fromState: "draft", state: "discarded", subject: "Hello again", actorLabel: "Ann Lee <ann@rekindle.test>", reason: "Client called us" },
      { kind: "outreach", at: new Date("2026-08-01T00:00:00Z"), id: "a2", tier: "lapsed", group: "holdout" },
      { kind: "email", at: new Date("2026-06-01T09:30:00Z"), id: "5", fromState: "approved", state: "draft", subject: "We miss you", actorLabel: "Ann Lee <ann@rekindle.test>", reason: "Edited after approval" },
    ]);
    expect(entries.map((e) => [e.title, e.detail])).toEqual([
      ["Entered win-back outreach (Lapsed)", "Held out: no win-back email, to measure what emails add"],
      ["Win-back email discarded by Ann Lee", "“Hello again”: Client called us"],
      ["Win-back email opened", "“We miss you”"],
      ["Win-back email taken back to draft by Ann Lee", "“We miss you”: Edited after approval"],
      ["Win-back email approved by Ann Lee", "“We miss you”"],
      ["Win-back email drafted by Win-back outreach (automatic)", "“We miss you”"],
      ["Entered win-back outreach (At risk)", "A win-back email follows"],
    ]);
  });
});
