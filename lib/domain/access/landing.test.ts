import { describe, expect, it } from "vitest";
import { landingPath } from "./landing";

const actor = (role: "admin" | "marketer" | "stylist") => ({ type: "user" as const, id: "u", role, name: "n", email: "e@x.test" });

describe("landingPath", () => {
  it("sends stylists to Today and marketers and admins to the overview", () => {
    expect(landingPath(actor("stylist"))).toBe("/today");
    expect(landingPath(actor("marketer"))).toBe("/overview");
    expect(landingPath(actor("admin"))).toBe("/overview");
  });
});
