/** After seeding: one full rescoring as the system, so the demo opens with scores, tiers and a fitted churn model. */
export async function scoreDemoData(): Promise<{ clients: number }> {
  const { db } = await import("@/lib/server/db/client");
  const { startFullRescore } = await import("@/lib/server/services/engagement/start-full-rescore");
  const { scoringRunSettled } = await import("@/lib/server/events/scoring-run-requested");
  const ctx = { actor: { type: "system", name: "seed" } as const, db };
  const queued = await startFullRescore({ ctx, input: {} });
  const run = await scoringRunSettled(queued.id);
  if (run?.status !== "succeeded") throw new Error(`Scoring the demo data failed: ${run?.error ?? "the run could not start"}`);
  return { clients: run.done };
}
