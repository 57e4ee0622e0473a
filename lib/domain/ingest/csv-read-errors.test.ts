import { describe, expect, it } from "vitest";
import { csvReadErrorMessage } from "./csv-read-errors";

describe("csvReadErrorMessage", () => {
  it("says a quote never closed took the lines after it along, and how many", () => {
    expect(csvReadErrorMessage("CSV_QUOTE_NOT_CLOSED", 'A-1,"Ada,5\nA-2,Bo,5\nA-3,Cy,5\n')).toBe(
      'A cell on this row opens a quote (") that is never closed, so the 2 lines after it were read into this row and not checked. Close the quote or remove it, then upload the file again.',
    );
    expect(csvReadErrorMessage("CSV_QUOTE_NOT_CLOSED", 'A-1,"Ada,5\r\nA-2,Bo,5')).toContain("so the line after it was read into this row");
    expect(csvReadErrorMessage("CSV_QUOTE_NOT_CLOSED", 'A-1,"Ada,5')).toBe('A cell on this row opens a quote (") that is never closed. Close the quote or remove it, then upload the file again.');
  });

  it("names text after a closing quote, and reads any other failure plainly", () => {
    expect(csvReadErrorMessage("CSV_INVALID_CLOSING_QUOTE", '"Ada" Lovelace')).toContain("more text after its closing quote");
    expect(csvReadErrorMessage(undefined, "x")).toBe("This line could not be read as CSV: check its quotes and commas.");
  });
});
