import { describe, expect, it } from "vitest";
import { emailsHref, queueFiltersSchema } from "@/lib/domain/email/queue-filters";
import { linkedPoints } from "@/lib/domain/analytics/tier-summary";
import { clientListHref, filtersOnOutreach, parseClientListQuery } from "./list-query";

describe("the list parameters the overview's links set", () => {
  it("reads a past day, an outreach group, won back and an assignment range, and writes them back into links", () => {
    const query = parseClientListQuery({ asOf: "2026-11-03", tier: "watch", outreach: "holdout", won: "1", from: "2026-09-01", to: "2026-11-30" });
    expect(query).toMatchObject({ asOf: "2026-11-03", tier: ["watch"], outreach: "holdout", won: "1", from: "2026-09-01", to: "2026-11-30" });
    expect(filtersOnOutreach(query)).toBe(true);
    expect(parseClientListQuery(new URL(clientListHref(query, {}), "http://x").searchParams)).toEqual(query);
  });

  it("drops days that are not real dates and groups it does not know, rather than refusing the page", () => {
    const query = parseClientListQuery({ asOf: "2026-02-30", from: "yesterday", to: "", outreach: "everyone", won: "yes" });
    expect([query.asOf, query.from, query.to, query.outreach, query.won]).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(filtersOnOutreach(query)).toBe(false);
  });

  it("gives the email queue a drafted-in range, no tier and no stylist", () => {
    const href = emailsHref({ status: "bounced", tier: "none", stylist: "unassigned", from: "2026-06-01", to: "2026-06-30" });
    expect(queueFiltersSchema.parse(Object.fromEntries(new URL(href, "http://x").searchParams))).toEqual({
      status: "bounced",
      tier: "none",
      stylist: "unassigned",
      from: "2026-06-01",
      to: "2026-06-30",
    });
    expect(queueFiltersSchema.parse({ from: "2026-13-01", tier: "gold" })).toEqual({ status: "pending", from: undefined, to: undefined, tier: undefined, stylist: undefined });
  });
});

describe("linkedPoints", () => {
  it("links every point while few, else evenly spaced ones that always end with the latest", () => {
    expect(linkedPoints([1, 2, 3], 5)).toEqual([1, 2, 3]);
    const year = Array.from({ length: 365 }, (_, i) => i);
    const linked = linkedPoints(year, 26);
    expect(linked.length).toBeLessThanOrEqual(26);
    expect(linked.at(-1)).toBe(364);
    expect(new Set(linked.slice(1).map((v, i) => v - (linked[i] ?? 0))).size).toBe(1);
  });
});
