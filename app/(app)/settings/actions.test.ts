import { describe, expect, it, vi } from "vitest";
import type { UserActor } from "@/lib/domain/access/policy";
import { userContext } from "@/test/fixtures";
import { startFullRescoreAction } from "./actions";

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
