import { getImportJob } from "@/lib/server/data/import-jobs";
import { jsonRoute } from "@/lib/server/http/json-route";
import { createImport, createImportSchema } from "@/lib/server/services/imports/create-import";
import { parseInput } from "@/lib/server/parse-input";

export const dynamic = "force-dynamic";

/** Upload a CSV as the raw request body: `POST /api/imports?kind=orders&name=orders.csv`. Answers the new job. */
export const POST = jsonRoute("data.import", async (ctx, request: Request) => {
  const params = new URL(request.url).searchParams;
  const input = parseInput(createImportSchema, { kind: params.get("kind"), fileName: params.get("name") ?? undefined });
  const job = await createImport({ ctx, input, body: request.body });
  return Response.json(await getImportJob(ctx, job.id), { status: 201 });
});
