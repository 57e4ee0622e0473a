import { createImport } from "@/lib/server/services/imports/create-import";
import { importContext, importErrorResponse } from "@/lib/server/http/import-route";
import { getImportJob } from "@/lib/server/data/import-jobs";

export const dynamic = "force-dynamic";

/** Upload a CSV as the raw request body: `POST /api/imports?kind=orders&name=orders.csv`. Answers the new job. */
export async function POST(request: Request) {
  const ctx = await importContext();
  if (ctx instanceof Response) return ctx;
  try {
    const params = new URL(request.url).searchParams;
    const job = await createImport({ ctx, input: { kind: params.get("kind"), fileName: params.get("name") ?? undefined }, body: request.body });
    return Response.json(await getImportJob(ctx, job.id), { status: 201 });
  } catch (error) {
    return importErrorResponse(error);
  }
}
