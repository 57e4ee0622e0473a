import { getImportJob } from "@/lib/server/data/import-jobs";
import { jsonRoute } from "@/lib/server/http/json-route";
import { createImport } from "@/lib/server/services/ingest/import/create-import";

export const dynamic = "force-dynamic";

/** Upload a CSV as the raw request body: `POST /api/imports?kind=orders&name=orders.csv`. Answers the new job. */
export const POST = jsonRoute("data.import", async (ctx, request: Request) => {
  const params = new URL(request.url).searchParams;
  const job = await createImport({ ctx, input: { kind: params.get("kind"), fileName: params.get("name") ?? undefined }, body: request.body });
  return Response.json(await getImportJob(ctx, job.id), { status: 201 });
});
