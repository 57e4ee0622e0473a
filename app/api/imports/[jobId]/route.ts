import { getImportJob } from "@/lib/server/data/import-jobs";
import { jsonRoute } from "@/lib/server/http/json-route";

export const dynamic = "force-dynamic";

/** An import's progress, preview and errors; the import page polls this. */
export const GET = jsonRoute("data.import", async (ctx, _request: Request, { params }: { params: Promise<{ jobId: string }> }) =>
  Response.json(await getImportJob(ctx, (await params).jobId), { headers: { "Cache-Control": "no-store" } }),
);
