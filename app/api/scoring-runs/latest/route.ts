import { getLatestScoringRun } from "@/lib/server/data/scoring-runs";
import { jsonRoute } from "@/lib/server/http/json-route";

export const dynamic = "force-dynamic";

/** The newest full rescoring and its progress; the scoring settings page polls this while a run is going. */
export const GET = jsonRoute("settings.manage", async (ctx) =>
  Response.json({ run: await getLatestScoringRun(ctx) }, { headers: { "Cache-Control": "no-store" } }),
);
