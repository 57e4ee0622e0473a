/** What the "Draft with AI" stream carries, one JSON object a line. */
export type DraftStreamLine =
  | { type: "partial"; draft: { subject?: string; preheader?: string; paragraphs?: (string | undefined)[]; callToAction?: string } }
  | { type: "restart"; reason: string }
  | { type: "saved"; emailId: string; writer: string; note: string | null }
  | { type: "error"; message: string };
