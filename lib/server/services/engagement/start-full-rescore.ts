import "server-only";
import { z } from "zod";
import { authorize } from "@/lib/server/auth/permissions";
import { withEvents } from "@/lib/server/events/outbox";
import type { VerbArgs } from "@/lib/server/context";
import { parseInput } from "@/lib/server/parse-input";
import { asOfSchema } from "@/lib/server/engagement/as-of";
import { queueFullRescore } from "./rescore-rules";

export const startFullRescoreSchema = z.object({ asOf: asOfSchema });

/**
 * Queues a rescoring of every client as of `asOf` (default now), with the event that has the full-rescore function run it.
 * Refused while another run is queued or running. Runs left "running" with no progress for a while are marked
 * failed here, so they never block new runs.
 */
export async function startFullRescore({ ctx, input }: VerbArgs<typeof startFullRescoreSchema>) {
  authorize(ctx.actor, "settings.manage");
  const { asOf } = parseInput(startFullRescoreSchema, input);
  return withEvents(ctx.db, (tx, emit) => queueFullRescore(tx, emit, ctx.actor, asOf));
}

