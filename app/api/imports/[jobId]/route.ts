import { getImportJob } from "@/lib/server/data/import-jobs";
import { importContext, importErrorResponse } from "@/lib/server/http/import-route";

export const dynamic = "force-dynamic";

/** An import's progress, preview and errors; the import page polls this. */
export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const ctx = await importContext();
  if (ctx instanceof Response) return ctx;
  try {
    return Response.json(await getImportJob(ctx, (await params).jobId), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return importErrorResponse(error);
  }
}
