import { jsonRoute } from "@/lib/server/http/json-route";
import { storeUploadPart } from "@/lib/server/services/imports/store-upload-part";

export const dynamic = "force-dynamic";

/** One part of an upload opened at /api/imports/uploads, as the raw body; sending a part again replaces it. */
export const PUT = jsonRoute("data.import", async (ctx, request: Request, { params }: { params: Promise<{ jobId: string; part: string }> }) => {
  const { jobId, part } = await params;
  return Response.json(await storeUploadPart({ ctx, input: { jobId, part }, body: request.body }));
});
