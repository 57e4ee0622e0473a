import { describe, expect, it } from "vitest";
import type { SystemActor } from "@/lib/domain/access/policy";
import { db } from "@/lib/server/db/client";
import { tierChanges } from "@/lib/server/db/schema";
import { runFullRescore } from "@/lib/server/services/engagement/run-full-rescore";
import { insertDemoClients, queueRun } from "@/test/engagement-fixtures";
import { userContext } from "@/test/fixtures";
import { getLatestScoringRun } from "./scoring-runs";

const SYSTEM: SystemActor = { type: "system", name: "test" };

describe("getLatestScoringRun", () => {
  it("says how many clients a finished run moved between tiers, and which way", async () => {
    const admin = await userContext("admin");
    await insertDemoClients(20, new Date("2026-06-01T00:00:00Z"));
    for (const asOf of ["2026-06-01T00:00:00Z", "2026-12-01T00:00:00Z"]) {
      const run = await queueRun(new Date(asOf));
      await runFullRescore({ ctx: { actor: SYSTEM, db }, input: { runId: run.id, chunkSize: 50 } });
    }
    const view = await getLatestScoringRun(admin);
    const stored = await db.select().from(tierChanges);
    const ofRun = stored.filter((c) => c.runId === view?.id);
    expect(view?.status).toBe("succeeded");
    expect(ofRun.length).toBeGreaterThan(0);
    expect(view?.tierChanges?.changed).toBe(ofRun.length);
    // Six months without orders: clients only fall.
    expect(view?.tierChanges).toMatchObject({ rose: 0, fell: ofRun.length });
  });
});
