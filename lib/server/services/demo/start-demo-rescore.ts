import "server-only";
import { z } from "zod";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { asOfSchema } from "@/lib/server/engagement/as-of";
import { withEvents } from "@/lib/server/events/outbox";
import { parseInput } from "@/lib/server/parse-input";
import { queueFullRescore } from "@/lib/server/services/engagement/rescore-rules";

export const startDemoRescoreSchema = z.object({ asOf: asOfSchema.unwrap() });

/**
 * Demo control: queues a full rescoring as of a chosen date through the same run and event as any full run, so it
 * runs in the background and shows its progress on Settings → Scoring. Audited as a demo action besides the run's own row.
 */
export async function startDemoRescore({ ctx, input }: VerbArgs<typeof startDemoRescoreSchema>) {
  authorize(ctx.actor, "demo.control");
  const { asOf } = parseInput(startDemoRescoreSchema, input);
  return withEvents(ctx.db, async (tx, emit) => {
    const run = await queueFullRescore(tx, emit, ctx.actor, asOf);
    await writeAudit(tx, ctx.actor, { action: "demo.rescore_as_of", entityType: "scoring_run", entityId: run.id, after: { asOf } });
    return run;
  });
}
