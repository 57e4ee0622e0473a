import { listEngineRuns, runStatusFilter } from "@/lib/server/data/engine-runs";
import { jsonRoute } from "@/lib/server/http/json-route";

export const dynamic = "force-dynamic";

/** The embedded engine's latest runs, as Settings → Runs lists them; the page polls this to stay current. */
export const GET = jsonRoute("settings.manage", async (ctx, request: Request) => {
  const status = runStatusFilter.parse(new URL(request.url).searchParams.get("status") ?? undefined);
  return Response.json({ runs: await listEngineRuns(ctx, status) }, { headers: { "Cache-Control": "no-store" } });
});
