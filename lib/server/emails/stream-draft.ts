import "server-only";
import type { DraftStreamLine } from "@/lib/domain/email/draft-stream";
import { DraftAbortedError } from "@/lib/server/ai/write-draft";
import type { ServiceContext } from "@/lib/server/context";
import { AppError } from "@/lib/server/errors";
import { draftEmail } from "@/lib/server/services/emails/draft-email";

/** The draft stream's headers: NDJSON, never cached, and never held back by a proxy, nginx or compression to transform or buffer it. */
export const DRAFT_STREAM_HEADERS = { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store, no-transform", "x-accel-buffering": "no" };

/** Runs draftEmail, writing each event as a line as soon as it happens. */
export function streamDraft(ctx: ServiceContext, input: { clientId: string; replace: boolean; shownAt?: Date }, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async start(controller) {
      const send = (line: DraftStreamLine) => {
        if (!signal.aborted) controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      };
      try {
        const email = await draftEmail({
          ctx,
          input,
          signal,
          onEvent: (event) => {
            if (event.type === "partial" || event.type === "restart") send(event);
          },
        });
        send({ type: "saved", emailId: email.id, writer: email.writer, note: email.writerNote });
      } catch (error) {
        if (!(error instanceof DraftAbortedError)) {
          if (!(error instanceof AppError)) console.error("Drafting failed", error);
          send({ type: "error", message: error instanceof AppError ? error.message : "The draft could not be written; please try again." });
        }
      } finally {
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      }
    },
  });
}
