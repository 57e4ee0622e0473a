import { jsonRoute } from "@/lib/server/http/json-route";
import { parseInput } from "@/lib/server/parse-input";
import { startUpload, startUploadSchema } from "@/lib/server/services/imports/start-upload";

export const dynamic = "force-dynamic";

/**
 * Opens an upload in parts: `POST /api/imports/uploads?kind=orders&name=orders.csv&bytes=12345678`. Answers the job
 * and the part size; send each part with `PUT /api/imports/<job>/parts/<n>`, then `POST /api/imports/<job>/finish`.
 */
export const POST = jsonRoute("data.import", async (ctx, request: Request) => {
  const params = new URL(request.url).searchParams;
  const input = parseInput(startUploadSchema, { kind: params.get("kind"), fileName: params.get("name") ?? undefined, bytes: params.get("bytes") ?? undefined });
  return Response.json(await startUpload({ ctx, input }), { status: 201 });
});
