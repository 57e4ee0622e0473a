import { describe, expect, it } from "vitest";
import { entersWinBack, outreachRoute } from "./outreach";

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
});
