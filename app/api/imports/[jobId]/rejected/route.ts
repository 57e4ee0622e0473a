import { Readable } from "node:stream";
import { getImportJob } from "@/lib/server/data/import-jobs";
import { jsonRoute } from "@/lib/server/http/json-route";
import { ConflictError } from "@/lib/server/errors";
import { importFileExists, readImportFile } from "@/lib/server/ingest/import/import-files";

export const dynamic = "force-dynamic";

/** The rows the import rejected, as uploaded, with an `error` column saying why: fix them and upload again. */
export const GET = jsonRoute("data.import", async (ctx, _request: Request, { params }: { params: Promise<{ jobId: string }> }) => {
  const job = await getImportJob(ctx, (await params).jobId);
  if (job.status === "validating" || !(await importFileExists(job.id, "rejected"))) throw new ConflictError("The file is still being checked.");
  const name = `${job.fileName.replace(/\.csv$/i, "").replace(/[^\w.-]+/g, "_")}-rejected.csv`;
  const stream = Readable.toWeb(readImportFile(job.id, "rejected")) as ReadableStream<Uint8Array>;
  return new Response(stream, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" } });
});
