import { describe, expect, it } from "vitest";
import { roleChangeWarning } from "./role-change";

describe("roleChangeWarning", () => {
  it("asks before making someone an admin", () => {
    expect(roleChangeWarning({ name: "Nia", from: "marketer", to: "admin", clientCount: 0 })).toBe(
      "Make Nia an admin? Nia will be able to manage users, settings, API keys and every client.",
    );
  });

  it("names how many clients a stylist leaves unassigned", () => {
    expect(roleChangeWarning({ name: "Priya", from: "stylist", to: "marketer", clientCount: 1250 })).toBe("Make Priya a marketer? Priya's 1,250 clients become unassigned.");
    expect(roleChangeWarning({ name: "Priya", from: "stylist", to: "admin", clientCount: 1 })).toBe(
      "Make Priya an admin? Priya will be able to manage users, settings, API keys and every client, and Priya's 1 client becomes unassigned.",
    );
  });

  it("lets harmless changes through without a question", () => {
    expect(roleChangeWarning({ name: "Leo", from: "stylist", to: "marketer", clientCount: 0 })).toBeNull();
    expect(roleChangeWarning({ name: "Leo", from: "admin", to: "marketer", clientCount: 0 })).toBeNull();
    expect(roleChangeWarning({ name: "Leo", from: "marketer", to: "marketer", clientCount: 0 })).toBeNull();
  });
});
