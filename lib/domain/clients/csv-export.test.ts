import { describe, expect, it } from "vitest";
import { clientsCsv, csvField } from "./csv-export";

describe("csvField", () => {
  it("quotes commas, quotes and line breaks, and keeps formulas as text", () => {
    expect(csvField("Lee, Ann")).toBe('"Lee, Ann"');
    expect(csvField('Ann "Annie" Lee')).toBe('"Ann ""Annie"" Lee"');
    expect(csvField("=HYPERLINK(\"x\")")).toBe("\"'=HYPERLINK(\"\"x\"\")\"");
    expect(csvField("-5")).toBe("'-5");
    expect(csvField(null)).toBe("");
    expect(csvField(42)).toBe("42");
  });
});

describe("clientsCsv", () => {
  it("writes a header and one line per client", () => {
    const csv = clientsCsv([
      { id: "c1", name: "Ann Lee", email: "ann@example.com", stylistName: null, engagementTier: "at_risk", engagementScore: 31, pAlive: 0.123456, orderCount: 4, lastOrderAt: new Date("2026-05-01T00:00:00Z") },
    ]);
    expect(csv).toBe("id,name,email,stylist,tier,score,p_alive,orders,last_order_at\r\nc1,Ann Lee,ann@example.com,,at_risk,31,0.1235,4,2026-05-01T00:00:00.000Z\r\n");
  });
});
