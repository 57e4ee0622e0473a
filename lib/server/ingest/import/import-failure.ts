import "server-only";

/**
 * Why an import stopped, in words for the person who uploaded the file. Only these messages reach the job's
 * error; any other fault is logged in full and shown as a generic message, so no SQL or row data leaks.
 */
export class ImportFailure extends Error {}

export const NOT_CSV_MESSAGE =
  "This is not a CSV text file: it looks like a spreadsheet workbook (.xlsx or .xls) or other binary file. In your spreadsheet app choose Save as (or Download) → CSV (UTF-8), then upload that file.";

export const NOT_UTF8_MESSAGE =
  "This file is not UTF-8 text (it looks saved as Latin-1 or another older encoding), so names with accents would arrive mangled. In your spreadsheet app choose Save as (or Download) → CSV (UTF-8), then upload that file.";

function unexpectedFailureMessage(phase: "validate" | "import"): string {
  if (phase === "validate") return "Checking the file stopped unexpectedly and nothing was imported. Press Try again; if it stops again, save the file as CSV (UTF-8) and upload it again.";
  return "Importing stopped unexpectedly. The rows already imported are kept; press Try again to continue after them.";
}

/** What the uploader reads when a phase stops for good: an ImportFailure's own words, else the generic message. */
export function importFailureMessage(error: unknown, phase: "validate" | "import"): string {
  return error instanceof ImportFailure ? error.message : unexpectedFailureMessage(phase);
}

/** A chunk that could not be stored: none of its rows were, the chunks before it were, and a retry resumes at it. */
export function chunkFailureMessage(firstRow: number, lastRow: number, importedRows: number): string {
  return (
    `Rows ${firstRow.toLocaleString("en-US")}–${lastRow.toLocaleString("en-US")} of the file could not be stored, so none of them were; ` +
    `the ${importedRows.toLocaleString("en-US")} valid rows before them are imported. Press Try again to continue from row ${firstRow.toLocaleString("en-US")}.`
  );
}
