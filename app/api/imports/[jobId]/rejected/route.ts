import fs from "node:fs";
import { Readable } from "node:stream";
import { getImportJob } from "@/lib/server/data/import-jobs";
import { rejectedPath } from "@/lib/server/ingest/import/import-files";
import { importContext, importErrorResponse } from "@/lib/server/http/import-route";

export const dynamic = "force-dynamic";

/** The rows the import rejected, as uploaded, with an `error` column saying why: fix them and upload again. */
export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const ctx = await importContext();
  if (ctx instanceof Response) return ctx;
  try {
    const job = await getImportJob(ctx, (await params).jobId);
    const file = rejectedPath(job.id);
    if (job.status === "validating" || !fs.existsSync(file)) return Response.json({ error: "The file is still being checked." }, { status: 409 });
    const name = `${job.fileName.replace(/\.csv$/i, "").replace(/[^\w.-]+/g, "_")}-rejected.csv`;
    const stream = Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>;
    return new Response(stream, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" } });
  } catch (error) {
    return importErrorResponse(error);
  }
}
