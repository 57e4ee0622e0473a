import { z } from "zod";

/** What the writer (a model, or the offline writer) must return: validated with zod before anything else. */
export const draftContentSchema = z.object({
  subject: z.string().trim().min(3).max(120).describe("The subject line, under 60 characters if possible"),
  preheader: z.string().trim().max(160).describe("One short line shown after the subject in the inbox"),
  paragraphs: z.array(z.string().trim().min(1).max(1200)).min(1).max(6).describe("The body, one string per paragraph, no greeting-less openings, no links"),
  callToAction: z.string().trim().min(2).max(60).describe("The button label, like 'Book my next fix'"),
  factsUsed: z.array(z.string().trim().min(1).max(200)).max(20).describe("Each fact from the client data that the email relies on, quoted as given"),
});
export type DraftContent = z.infer<typeof draftContentSchema>;

/** The same shape as a person edits it in the review queue (the facts stay as the writer gave them). */
export const draftEditSchema = z.object({
  subject: z.string().trim().min(3, "Write a subject of at least 3 characters").max(120, "Keep the subject to 120 characters or fewer"),
  preheader: z.string().trim().max(160, "Keep the preheader to 160 characters or fewer").default(""),
  // A textarea posts its line breaks as CRLF: read as the stored "\n", so the words left as they were count as unchanged.
  body: z
    .string()
    .transform((body) => body.replace(/\r\n?/g, "\n"))
    .pipe(z.string().trim().min(10, "Write the body of the email").max(6000, "Keep the body to 6,000 characters or fewer")),
  callToAction: z.string().trim().min(2, "Write a button label").max(60, "Keep the button label to 60 characters or fewer"),
});

export function paragraphsOf(body: string): string[] {
  return body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

export function bodyOf(paragraphs: readonly string[]): string {
  return paragraphs.join("\n\n");
}
