import { describe, expect, it, vi } from "vitest";
import type { UserActor } from "@/lib/domain/access/policy";
import { userContext } from "@/test/fixtures";
import { db } from "@/lib/server/db/client";
import { readSettings } from "@/lib/server/data/settings";
import { startFullRescoreAction, updateEmailPolicyAction } from "./actions";

// The session is the one thing replaced (actions run as `session.actor`), and the page cache outside a request.
const session = vi.hoisted(() => ({ actor: null as UserActor | null }));
vi.mock("@/lib/server/auth/session", () => ({ currentActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

describe("startFullRescoreAction", () => {
  it("starts a run, and answers a second click while it runs with where to follow it, not an error that outlives it", async () => {
    const admin = await userContext("admin");
    session.actor = admin.actor;
    expect(await startFullRescoreAction({ status: "idle" }, new FormData())).toEqual({ status: "success", message: "Rescoring started. It carries on if you leave this page." });
    expect(await startFullRescoreAction({ status: "idle" }, new FormData())).toEqual({ status: "success", message: "A full rescoring is already under way: its progress shows below." });
  });

  it("still refuses someone who may not start one", async () => {
    session.actor = (await userContext("marketer")).actor;
    expect(await startFullRescoreAction({ status: "idle" }, new FormData())).toMatchObject({ status: "error", message: "You are not allowed to do that." });
  });
});

describe("updateEmailPolicyAction", () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.append(name, value);
    return data;
  };
  const posted = { senderName: "Ava's team", senderEmail: "ava@example.com", minDaysBetweenEmails: "14", aiModel: "anthropic/claude-sonnet-4.5" };

  it("saves one choice per win-back tier as the policy's lists of tiers", async () => {
    session.actor = (await userContext("admin")).actor;
    const state = await updateEmailPolicyAction({ status: "idle" }, form({ ...posted, "route.at_risk": "review", "route.lapsed": "auto_send" }));
    expect(state).toEqual({ status: "success", message: "Email policy saved." });
    expect(await readSettings(db, "email_policy")).toMatchObject({ senderName: "Ava's team", autoSendTiers: ["lapsed"], reviewTiers: ["at_risk"], minDaysBetweenEmails: 14 });
  });

  it("names the bad field, the settings' own checks included, and saves nothing", async () => {
    session.actor = (await userContext("admin")).actor;
    const before = await readSettings(db, "email_policy");
    const noChoice = await updateEmailPolicyAction({ status: "idle" }, form({ ...posted, "route.at_risk": "review" }));
    expect(noChoice).toMatchObject({ status: "error", fieldErrors: { "route.lapsed": ["Choose what happens to these clients"] } });
    const badSender = await updateEmailPolicyAction({ status: "idle" }, form({ ...posted, senderEmail: "nobody", "route.at_risk": "review", "route.lapsed": "none" }));
    expect(badSender).toMatchObject({ status: "error", fieldErrors: { senderEmail: [expect.stringContaining("valid sender address")] } });
    expect(await readSettings(db, "email_policy")).toEqual(before);
  });
});
