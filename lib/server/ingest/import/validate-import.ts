import "server-only";
import { eq } from "drizzle-orm";
import { csvLine, describeErrors, missingColumns, validateClientRow, validateOrderRow, type CsvFieldError, type CsvRow } from "@/lib/domain/ingest/csv-rows";
import { db } from "@/lib/server/db/client";
import { type ImportJob, type ImportRowError, importJobs } from "@/lib/server/db/schema";
import { readCsv } from "./csv-reader";
import { ImportFailure, NOT_CSV_MESSAGE } from "./import-failure";
import { deleteImportFile, importFileWriter, readImportFile, readImportFileHead } from "./import-files";

const PREVIEW_ROWS = 10;
const ERROR_SAMPLE = 200;
const PROGRESS_EVERY_ROWS = 5_000;

// Workbooks are ZIP archives (.xlsx: "PK\x03\x04") or OLE2 files (.xls): binary, never CSV.
const BINARY_SIGNATURES = [Buffer.from("504b0304", "hex"), Buffer.from("d0cf11e0a1b11ae1", "hex")];

async function startsLikeBinary(jobId: string): Promise<boolean> {
  const head = await readImportFileHead(jobId, "upload", 8);
  return BINARY_SIGNATURES.some((signature) => head.subarray(0, signature.length).equals(signature));
}

// A preview is stored as JSON, which cannot hold NUL; the row itself is rejected with the reason.
const previewOf = (row: CsvRow) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v.replaceAll("\0", "\uFFFD")]));

/** One CSV row checked the way the import will store it: the same schemas as the webhooks. */
export function checkRow(job: Pick<ImportJob, "kind" | "createdAt">, row: CsvRow) {
  return job.kind === "orders" ? validateOrderRow(row, { updatedAt: job.createdAt }) : validateClientRow(row, { updatedAt: job.createdAt });
}

/**
 * The first pass over an upload: counts valid and invalid rows, keeps a preview and a sample of errors,
 * and stores every rejected row with its reasons as a CSV the user can download, fix and upload again.
 */
export async function validateImportFile(jobId: string): Promise<void> {
  const [job] = await db.select().from(importJobs).where(eq(importJobs.id, jobId));
  if (!job) throw new Error(`Import ${jobId} not found`);
  if (await startsLikeBinary(jobId)) throw new ImportFailure(NOT_CSV_MESSAGE);
  const reader = readCsv(readImportFile(jobId, "upload"));
  // A re-check (after a failure) writes the rejected rows afresh.
  await deleteImportFile(jobId, "rejected");
  const out = importFileWriter(jobId, "rejected");
  const write = (line: string) => out.write(line);
  const counts = { totalRows: 0, validRows: 0, invalidRows: 0 };
  const previewRows: Record<string, string>[] = [];
  const errorSample: ImportRowError[] = [];
  let columns: string[] = [];
  const reject = async (rowNumber: number, values: string[], errors: CsvFieldError[]) => {
    counts.invalidRows++;
    // The parser's messages quote the row; stored as JSON, they cannot hold NUL.
    if (errorSample.length < ERROR_SAMPLE) errorSample.push({ row: rowNumber, errors: errors.map((e) => ({ ...e, message: e.message.replaceAll("\0", "\uFFFD") })) });
    await write(csvLine([...values, describeErrors(errors)]));
  };
  const saveProgress = (extra: Partial<ImportJob> = {}) =>
    db.update(importJobs).set({ ...counts, bytesValidated: reader.bytesRead(), heartbeatAt: new Date(), ...extra }).where(eq(importJobs.id, jobId));

  try {
    for await (const item of reader.items) {
      if (item.kind === "header") {
        if (item.original.some((cell) => cell.includes("\0"))) throw new ImportFailure(NOT_CSV_MESSAGE);
        columns = item.columns;
        const missing = missingColumns(job.kind, columns);
        if (missing.length) {
          // A spreadsheet saved with semicolons (some locales' CSV) reads as one column named with all the others.
          const semicolons = item.original.length === 1 && (item.original[0] ?? "").includes(";");
          const error = semicolons
            ? "The file's columns are separated by semicolons, not commas. In your spreadsheet app choose Save as → CSV UTF-8 (comma delimited), then upload that file."
            : `The file lacks these columns: ${missing.join(", ")}. The first row must name the columns.`;
          await saveProgress({ status: "failed", columns, error, finishedAt: new Date() });
          return;
        }
        await write(csvLine([...item.original, "error"]));
        continue;
      }
      counts.totalRows++;
      if (item.kind === "broken") {
        await reject(item.rowNumber, [item.raw], [{ field: "row", message: item.message }]);
      } else {
        if (previewRows.length < PREVIEW_ROWS) previewRows.push(previewOf(item.row));
        const result = checkRow(job, item.row);
        if (result.ok) counts.validRows++;
        else await reject(item.rowNumber, item.values, result.errors);
      }
      if (counts.totalRows % PROGRESS_EVERY_ROWS === 0) await saveProgress();
    }
  } finally {
    await out.end();
  }
  const empty = counts.totalRows === 0;
  await saveProgress({
    status: empty ? "failed" : "ready",
    error: empty ? "The file has no rows below its header." : null,
    columns,
    previewRows,
    errorSample,
    bytesValidated: job.fileBytes,
    finishedAt: empty ? new Date() : null,
  });
}
