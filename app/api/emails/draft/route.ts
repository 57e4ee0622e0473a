import { getClientOrThrow } from "@/lib/server/data/clients";
import { DRAFT_STREAM_HEADERS, streamDraft } from "@/lib/server/emails/stream-draft";
import { jsonRoute } from "@/lib/server/http/json-route";
import { parseInput } from "@/lib/server/parse-input";
import { draftEmailSchema } from "@/lib/server/services/emails/draft-email";

export const dynamic = "force-dynamic";

const bodySchema = draftEmailSchema.pick({ clientId: true, replace: true, shownAt: true });

/**
 * "Draft with AI": streams the draft as newline-delimited JSON while it is written (partial, restart, then saved
 * with the email's id, or error). Closing the request stops the writer. Each line is written as it happens. A client
 * the actor cannot see is a 404 before any stream starts (as every other route answers it), not a 200 with an error line.
 */
export const POST = jsonRoute("emails.write", async (ctx, request: Request) => {
  const input = parseInput(bodySchema, await request.json().catch(() => null));
  await getClientOrThrow(ctx, input.clientId);
  return new Response(streamDraft(ctx, input, request.signal), { headers: DRAFT_STREAM_HEADERS });
});
