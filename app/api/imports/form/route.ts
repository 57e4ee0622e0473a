import { SINGLE_UPLOAD_MAX_BYTES } from "@/lib/domain/ingest/upload-parts";
import { AppError, TooLargeError, ValidationError } from "@/lib/server/errors";
import { jsonRoute } from "@/lib/server/http/json-route";
import { parseInput } from "@/lib/server/parse-input";
import { createImport, createImportSchema } from "@/lib/server/services/imports/create-import";
import { uploadErrorQuery } from "@/lib/server/ingest/import/upload-error-query";

export const dynamic = "force-dynamic";

// The form's own fields and multipart framing, on top of the file.
const FORM_OVERHEAD_BYTES = 64 * 1024;

const backToImport = (request: Request, query: Record<string, string>) => Response.redirect(new URL(`/import?${new URLSearchParams(query)}`, request.url), 303);

/**
 * The Import page's form without JavaScript: one multipart request (kind, file) for a file of up to 4 MiB, the most
 * a serverless host takes in one body. Back to the page with the new job, or with what was wrong.
 */
export const POST = jsonRoute("data.import", async (ctx, request: Request) => {
  try {
    if (Number(request.headers.get("content-length") ?? 0) > SINGLE_UPLOAD_MAX_BYTES + FORM_OVERHEAD_BYTES) {
      throw new TooLargeError(`Without JavaScript a file can be at most ${SINGLE_UPLOAD_MAX_BYTES / 1024 / 1024} MiB; turn JavaScript on to send larger files in parts.`);
    }
    // A body that is not a readable form (no multipart boundary, cut short) is the sender's to fix, not a 500.
    const form = await request.formData().catch(() => {
      throw new ValidationError({ file: ["The upload could not be read as a form; choose the file and send it again."] });
    });
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) throw new ValidationError({ file: ["Choose a CSV file first."] }, "Choose a CSV file first.");
    const input = parseInput(createImportSchema, { kind: form.get("kind"), fileName: file.name || undefined });
    const job = await createImport({ ctx, input, body: file.stream() });
    return backToImport(request, { job: job.id });
  } catch (error) {
    if (error instanceof AppError) return backToImport(request, uploadErrorQuery(error instanceof ValidationError ? (Object.values(error.fieldErrors).flat()[0] ?? error.message) : error.message));
    throw error;
  }
});
