import { describe, expect, it, vi } from "vitest";
import type { UserActor } from "@/lib/domain/access/policy";
import { db } from "@/lib/server/db/client";
import { scoringRuns } from "@/lib/server/db/schema";
import { queueRun } from "@/test/engagement-fixtures";
import { userContext } from "@/test/fixtures";
import { GET } from "./route";

// The session is the one thing replaced: requests run as `session.actor`.
const session = vi.hoisted(() => ({ actor: null as UserActor | null }));
vi.mock("@/lib/server/auth/session", () => ({ currentActor: async () => session.actor }));

describe("GET /api/scoring-runs/latest", () => {
  it("answers 401 without a session and 403 to anyone but an admin", async () => {
    session.actor = null;
    expect((await GET()).status).toBe(401);
    for (const role of ["marketer", "stylist"] as const) {
      session.actor = (await userContext(role)).actor;
      expect((await GET()).status).toBe(403);
    }
  });

  it("shows an admin the newest run and its progress", async () => {
    const admin = await userContext("admin");
    session.actor = admin.actor;
    expect(await (await GET()).json()).toEqual({ run: null });
    // Queued as startFullRescore queues it, without the background run that would move it on while we look.
    const run = await queueRun(new Date("2026-06-01T00:00:00Z"));
    await db.update(scoringRuns).set({ startedBy: admin.actor.id });
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      run: expect.objectContaining({ id: run.id, status: "queued", asOf: "2026-06-01T00:00:00.000Z", done: 0, startedByName: admin.actor.name }),
    });
  });
});
