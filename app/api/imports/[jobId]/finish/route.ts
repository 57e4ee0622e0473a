import { getImportJob } from "@/lib/server/data/import-jobs";
import { jsonRoute } from "@/lib/server/http/json-route";
import { finishUpload } from "@/lib/server/services/imports/finish-upload";

export const dynamic = "force-dynamic";

/** Confirms an upload in parts (every part stored, sizes adding up) and starts checking it; answers the job. */
export const POST = jsonRoute("data.import", async (ctx, _request: Request, { params }: { params: Promise<{ jobId: string }> }) => {
  const job = await finishUpload({ ctx, input: { jobId: (await params).jobId } });
  return Response.json(await getImportJob(ctx, job.id));
});
