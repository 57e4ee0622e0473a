import { handleEngineRequest } from "@/inngest/engine/http";

export const dynamic = "force-dynamic";
// A tick may drive runs for up to 20 seconds.
export const maxDuration = 60;

/** The embedded engine's event, sync and tick endpoints (see inngest/engine/http.ts); 404 unless the engine is the active mode. */
async function handle(request: Request): Promise<Response> {
  const { inngestMode } = await import("@/lib/env");
  if (inngestMode() !== "embedded") return Response.json({ error: "Not found" }, { status: 404 });
  return handleEngineRequest(request);
}

export const GET = handle;
export const POST = handle;
