/**
 * What a row the CSV parser could not read says to the person who made the file: the parser's own messages
 * ("Quote Not Closed: the parsing is finished with an opening quote at line 4") name neither the cause nor the fix.
 * `raw` is the text the parser gave up on; a quote never closed takes every line after it along.
 */
export function csvReadErrorMessage(code: string | undefined, raw: string): string {
  if (code === "CSV_QUOTE_NOT_CLOSED") {
    const swallowed = raw.trimEnd().split(/\r?\n/).length - 1;
    const lines = swallowed === 1 ? "the line after it was" : `the ${swallowed.toLocaleString("en-US")} lines after it were`;
    const lost = swallowed === 0 ? "" : `, so ${lines} read into this row and not checked`;
    return `A cell on this row opens a quote (") that is never closed${lost}. Close the quote or remove it, then upload the file again.`;
  }
  if (code === "CSV_INVALID_CLOSING_QUOTE" || code === "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE") {
    return 'A quoted cell on this row has more text after its closing quote. Put the whole cell in quotes and double each quote inside it ("").';
  }
  return "This line could not be read as CSV: check its quotes and commas.";
}
