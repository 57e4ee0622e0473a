import { describe, expect, it, vi } from "vitest";
import type { UserActor } from "@/lib/domain/access/policy";
import { userContext } from "@/test/fixtures";
import { GET } from "./route";

// The session is the one thing replaced: requests run as `session.actor`.
const session = vi.hoisted(() => ({ actor: null as UserActor | null }));
vi.mock("@/lib/server/auth/session", () => ({ currentActor: async () => session.actor }));

const get = (query = "") => GET(new Request(`http://localhost/api/engine-runs${query}`));

describe("GET /api/engine-runs", () => {
  it("answers 401 without a session and 403 to anyone but an admin", async () => {
    session.actor = null;
    expect((await get()).status).toBe(401);
    for (const role of ["marketer", "stylist"] as const) {
      session.actor = (await userContext(role)).actor;
      expect((await get()).status).toBe(403);
    }
  });

  it("lists the engine's runs for an admin, and ignores a status filter it does not know", async () => {
    session.actor = (await userContext("admin")).actor;
    const response = await get("?status=nonsense");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ runs: [] });
  });
});
