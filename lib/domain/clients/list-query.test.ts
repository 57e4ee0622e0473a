import { describe, expect, it } from "vitest";
import { boundsLeaveOutUnscored, parseClientListQuery } from "./list-query";

describe("the clients list's search from the URL", () => {
  it("drops a NUL character, which no text the database compares with can hold, and keeps the rest", () => {
    expect(parseClientListQuery({ q: "Ann\u0000 Lee " }).q).toBe("Ann Lee");
    expect(parseClientListQuery({ q: "\u0000" }).q).toBe("");
    expect(parseClientListQuery(new URLSearchParams("q=%00ada")).q).toBe("ada");
  });
});

describe("bounds that leave the unscored out", () => {
  it("are a score, chance or overdue bound beside the Not scored tier, and only those", () => {
    const leaves = (params: Record<string, string>) => boundsLeaveOutUnscored(parseClientListQuery(params));
    expect(leaves({ tier: "unscored", scoreMax: "30" })).toBe(true);
    expect(leaves({ tier: "lapsed,unscored", pMin: "10" })).toBe(true);
    expect(leaves({ tier: "unscored", overdue: "30" })).toBe(true);
    expect(leaves({ tier: "unscored" })).toBe(false);
    expect(leaves({ tier: "lapsed", scoreMax: "30" })).toBe(false);
    expect(leaves({ tier: "unscored", scoreMax: "" })).toBe(false);
  });
});
