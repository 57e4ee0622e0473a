import { describe, expect, it } from "vitest";
import { describeFix, firstNameOf } from "./writer-facts";

describe("firstNameOf", () => {
  it("greets by the first word of a name", () => {
    expect(firstNameOf("  Ada Lovelace ")).toBe("Ada");
    expect(firstNameOf("Zoë O'Neil")).toBe("Zoë");
    expect(firstNameOf("Jean-Luc Picard")).toBe("Jean-Luc");
    expect(firstNameOf("José")).toBe("José");
  });
  it("gives no name for a first word that is not one: the field is the client's own text", () => {
    for (const name of ["https://rekindle-refund.example/claim Smith", "refunds.example Smith", "ada@example.com", "$500 Smith", "<b>Ada</b>", ""]) {
      expect(firstNameOf(name), name).toBe("");
    }
  });
});

describe("describeFix", () => {
  it("dates a fix by the client's own day, as their order page shows it", () => {
    // Noon on December 5 in Auckland (UTC+13 in summer) is December 4 in UTC.
    const fix = { orderedAt: new Date("2026-12-04T23:00:00Z"), itemsShipped: 5, itemsKept: 2, status: "shipped" };
    expect(describeFix(fix, "Pacific/Auckland")).toBe("Fix of December 5, 2026: kept 2 of 5 items");
    expect(describeFix(fix, "UTC")).toBe("Fix of December 4, 2026: kept 2 of 5 items");
  });
});
