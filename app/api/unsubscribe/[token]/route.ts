import { contextFor } from "@/lib/server/context";
import { errorResponse } from "@/lib/server/http/json-route";
import { unsubscribe } from "@/lib/server/services/emails/unsubscribe";

export const dynamic = "force-dynamic";

/** RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click` here; the signed token is the authority. */
export async function POST(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  // A link cut short mid-escape fails to decode: answered as a token that is not ours (400), not a 500.
  const token = await params.then(
    (p) => p.token,
    () => "",
  );
  try {
    await unsubscribe({ ctx: contextFor({ type: "system", name: "unsubscribe" }), input: { token } });
    return Response.json({ unsubscribed: true });
  } catch (error) {
    return errorResponse(error);
  }
}
