import { Readable } from "node:stream";
import { getImportJob } from "@/lib/server/data/import-jobs";
import { importFileExists, readImportFile } from "@/lib/server/ingest/import/import-files";
import { importContext, importErrorResponse } from "@/lib/server/http/import-route";

export const dynamic = "force-dynamic";

/** The rows the import rejected, as uploaded, with an `error` column saying why: fix them and upload again. */
export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const ctx = await importContext();
  if (ctx instanceof Response) return ctx;
  try {
    const job = await getImportJob(ctx, (await params).jobId);
    if (job.status === "validating" || !(await importFileExists(job.id, "rejected"))) return Response.json({ error: "The file is still being checked." }, { status: 409 });
    const name = `${job.fileName.replace(/\.csv$/i, "").replace(/[^\w.-]+/g, "_")}-rejected.csv`;
    const stream = Readable.toWeb(readImportFile(job.id, "rejected")) as ReadableStream<Uint8Array>;
    return new Response(stream, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" } });
  } catch (error) {
    return importErrorResponse(error);
  }
}
