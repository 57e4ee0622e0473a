import "server-only";
import { pipeline, type Readable, Transform } from "node:stream";
import { parse } from "csv-parse";
import { ImportFailure, NOT_UTF8_MESSAGE } from "./import-failure";
import { type CsvRow, normalizeHeader } from "@/lib/domain/ingest/csv-rows";
import { csvReadErrorMessage } from "@/lib/domain/ingest/csv-read-errors";

type CsvItem =
  | { kind: "header"; original: string[]; columns: string[] }
  | { kind: "row"; rowNumber: number; values: string[]; row: CsvRow }
  | { kind: "broken"; rowNumber: number; message: string; raw: string };

/**
 * Streams a CSV file record by record, so a file of a million rows never sits in memory. Row numbers
 * count the header as row 1, as a spreadsheet shows them. A record the parser cannot read (a stray
 * quote) is reported as broken instead of stopping the file. `bytesRead()` tells how far it got.
 */
export function readCsv(source: Readable) {
  const broken: { line: number; code: string | undefined; raw: string }[] = [];
  const parser = parse({
    bom: true,
    raw: true,
    info: true,
    relax_column_count: true,
    // A quote inside a field that does not start with one (=HYPERLINK("x"), 5" heels) is text, as spreadsheets
    // write it; strictly, the row would be broken and the rest of its cells lost from the rejected rows' download.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // The parser may report one bad record several times; keep one entry per line, with the most text.
    on_skip: (error, raw) => {
      const lines: unknown = error?.lines;
      const line = typeof lines === "number" ? lines : -1;
      const last = broken.at(-1);
      if (last && last.line === line) last.raw = raw && raw.length > last.raw.length ? raw : last.raw;
      else broken.push({ line, code: error?.code, raw: raw ?? "" });
      return undefined;
    },
  });
  // On a failure the pipeline destroys the parser with it, so reading the items throws it.
  pipeline(source, utf8Only(), parser, () => undefined);

  async function* items(): AsyncGenerator<CsvItem> {
    let columns: string[] | null = null;
    let rowNumber = 1;
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // The parser runs ahead of this loop, so skipped records are placed by their line number.
      while (broken.length && (broken[0]?.line ?? 0) < info.lines) {
        const next = broken.shift();
        if (next) yield brokenItem(++rowNumber, next);
      }
      if (!columns) {
        columns = record.map(normalizeHeader);
        yield { kind: "header", original: record, columns };
        continue;
      }
      const row: CsvRow = {};
      columns.forEach((column, i) => {
        const value = record[i];
        if (value !== undefined) row[column] = value;
      });
      yield { kind: "row", rowNumber: ++rowNumber, values: record, row };
    }
    for (const next of broken) yield brokenItem(++rowNumber, next);
  }

  return { items: items(), bytesRead: () => parser.info.bytes };
}

function brokenItem(rowNumber: number, { code, raw }: { code: string | undefined; raw: string }): CsvItem {
  return { kind: "broken", rowNumber, message: csvReadErrorMessage(code, raw), raw: raw.trimEnd() };
}

/**
 * Passes the bytes on, failing the file at the first that is not UTF-8: the parser would read a file saved as
 * Latin-1 with replacement characters ("Jos\uFFFD M\uFFFDller") and import the names mangled, without a word.
 */
function utf8Only(): Transform {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const check = (decode: () => void, done: (error?: Error | null) => void) => {
    try {
      decode();
      done();
    } catch {
      done(new ImportFailure(NOT_UTF8_MESSAGE));
    }
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      check(() => decoder.decode(chunk, { stream: true }), (error) => done(error, error ? undefined : chunk));
    },
    flush(done) {
      check(() => decoder.decode(), done);
    },
  });
}
