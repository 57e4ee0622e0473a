import { describe, expect, it, vi } from "vitest";
import type { Role, UserActor } from "@/lib/domain/access/policy";
import type { ActionState } from "@/lib/forms/action-state";
import { ACTION_ACCESS, HANDLER_ACCESS, PAGE_ACCESS } from "./access-matrix";
import { actionFiles, handlerRoutes, pageRoutes } from "./app-routes";
import { userContext } from "./fixtures";

// The session is the one thing replaced here: each call runs as the actor set below.
const session = vi.hoisted(() => ({ actor: null as UserActor | null }));
vi.mock("@/lib/server/auth/session", () => ({
  currentActor: async () => session.actor,
  requirePageContext: async () => {
    throw new Error("pages are checked over HTTP in e2e/access-matrix.spec.ts");
  },
}));

describe("the access matrix covers the whole app", () => {
  it("lists every page", () => {
    expect(pageRoutes()).toEqual(Object.keys(PAGE_ACCESS).sort());
  });

  it("lists every route handler", () => {
    expect(handlerRoutes()).toEqual(Object.keys(HANDLER_ACCESS).sort());
  });

  it("lists every server action", async () => {
    const found: string[] = [];
    for (const file of actionFiles()) {
      const exported = (await import(`@/app/${file}`)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exported)) if (typeof value === "function") found.push(`${file}#${name}`);
    }
    expect(found.sort()).toEqual(Object.keys(ACTION_ACCESS).sort());
  });
});

const DENIED = /not allowed|session has ended/;
const guarded = Object.entries(ACTION_ACCESS).filter((entry): entry is [string, readonly Role[]] => entry[1] !== "public");

describe("server actions refuse everyone the matrix does not allow", () => {
  it.each(guarded)("%s", async (key, allowed) => {
    const [file, name] = key.split("#") as [string, string];
    const action = ((await import(`@/app/${file}`)) as Record<string, (s: ActionState, f: FormData) => Promise<ActionState>>)[name];
    if (!action) throw new Error(`${key} is not exported`);

    session.actor = null;
    const anonymous = await action({ status: "idle" }, new FormData());
    expect(anonymous.status === "error" && anonymous.message).toMatch(/session has ended/);

    for (const role of ["admin", "marketer", "stylist"] as const) {
      session.actor = (await userContext(role)).actor;
      const result = await action({ status: "idle" }, new FormData());
      const denied = result.status === "error" && DENIED.test(result.message);
      expect({ role, denied }).toEqual({ role, denied: !allowed.includes(role) });
    }
  });
});
