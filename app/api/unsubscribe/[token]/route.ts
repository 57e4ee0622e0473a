import { contextFor } from "@/lib/server/context";
import { errorResponse } from "@/lib/server/http/json-route";
import { unsubscribe } from "@/lib/server/services/emails/unsubscribe";

export const dynamic = "force-dynamic";

/** RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click` here; the signed token is the authority. */
export async function POST(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  try {
    await unsubscribe({ ctx: contextFor({ type: "system", name: "unsubscribe" }), input: { token } });
    return Response.json({ unsubscribed: true });
  } catch (error) {
    return errorResponse(error);
  }
}
