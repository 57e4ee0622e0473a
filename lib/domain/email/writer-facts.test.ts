import { describe, expect, it } from "vitest";
import { firstNameOf } from "./writer-facts";

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
