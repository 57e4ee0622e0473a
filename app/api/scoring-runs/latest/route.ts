import { currentActor } from "@/lib/server/auth/session";
import { contextFor } from "@/lib/server/context";
import { getLatestScoringRun } from "@/lib/server/data/scoring-runs";
import { ForbiddenError } from "@/lib/server/errors";

export const dynamic = "force-dynamic";

/** The newest full rescoring and its progress; the scoring settings page polls this while a run is going. */
export async function GET() {
  const actor = await currentActor();
  if (!actor) return Response.json({ error: "Sign in to continue." }, { status: 401 });
  try {
    return Response.json({ run: await getLatestScoringRun(contextFor(actor)) }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof ForbiddenError) return Response.json({ error: error.message }, { status: 403 });
    throw error;
  }
}
