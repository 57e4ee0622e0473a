import { describe, expect, it } from "vitest";
import { emailPolicyFormSchema, emailPolicySchema } from "./policy-settings";

const fields = { senderName: "Ava", senderEmail: "ava@example.com", minDaysBetweenEmails: "21", aiModel: "anthropic/claude-sonnet-4.5" };

describe("the email policy form", () => {
  it("reads one choice per win-back tier into the stored lists of tiers", () => {
    const read = emailPolicyFormSchema.parse({ ...fields, route: { at_risk: "review", lapsed: "auto_send" } });
    expect(read).toMatchObject({ senderName: "Ava", autoSendTiers: ["lapsed"], reviewTiers: ["at_risk"] });
    expect(emailPolicySchema.parse(read)).toMatchObject({ autoSendTiers: ["lapsed"], reviewTiers: ["at_risk"], minDaysBetweenEmails: 21 });
    expect(emailPolicyFormSchema.parse({ ...fields, route: { at_risk: "none", lapsed: "none" } })).toMatchObject({ autoSendTiers: [], reviewTiers: [] });
  });
  it("names a tier left without a choice, or given one it does not know", () => {
    const missing = emailPolicyFormSchema.safeParse({ ...fields, route: { at_risk: "review" } });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]).toMatchObject({ path: ["route", "lapsed"], message: "Choose what happens to these clients" });
    const unknown = emailPolicyFormSchema.safeParse({ ...fields, route: { at_risk: "shout", lapsed: "none" } });
    expect(unknown.error?.issues[0]?.path).toEqual(["route", "at_risk"]);
    expect(emailPolicyFormSchema.safeParse(fields).error?.issues[0]).toMatchObject({ path: ["route"], message: "Choose what happens to each tier" });
  });
  it("checks the other fields as the stored policy does, and posts no tier lists of its own", () => {
    const route = { at_risk: "review", lapsed: "none" };
    const bad = emailPolicyFormSchema.safeParse({ ...fields, senderEmail: "not an address", minDaysBetweenEmails: "0", route });
    expect(bad.error?.issues.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: ["senderEmail"], message: "Enter a valid sender address, like stylists@yourbrand.com" },
      { path: ["minDaysBetweenEmails"], message: "At least 1 day" },
    ]);
    // Lists posted beside the choices are not the form's: the choices decide.
    expect(emailPolicyFormSchema.parse({ ...fields, route, autoSendTiers: ["at_risk"] })).toMatchObject({ autoSendTiers: [], reviewTiers: ["at_risk"] });
  });
});
