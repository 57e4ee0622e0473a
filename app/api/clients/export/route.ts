import { clientsCsv } from "@/lib/domain/clients/csv-export";
import { parseClientListQuery } from "@/lib/domain/clients/list-query";
import { currentActor } from "@/lib/server/auth/session";
import { contextFor } from "@/lib/server/context";
import { listClientsForExport } from "@/lib/server/data/clients";
import { ForbiddenError } from "@/lib/server/errors";

export const dynamic = "force-dynamic";

/** The client list with the same filters and order as /clients (from the query string), as CSV; a stylist gets their own clients only. */
export async function GET(request: Request) {
  const actor = await currentActor();
  if (!actor) return Response.json({ error: "Sign in to continue." }, { status: 401 });
  const query = parseClientListQuery(new URL(request.url).searchParams);
  try {
    const { rows, truncated } = await listClientsForExport(contextFor(actor), query);
    const day = new Date().toISOString().slice(0, 10);
    return new Response(clientsCsv(rows), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="clients-${day}.csv"`,
        "Cache-Control": "no-store",
        // Says the file stops at the export limit, for anyone scripting against it.
        "X-Export-Truncated": String(truncated),
      },
    });
  } catch (error) {
    if (error instanceof ForbiddenError) return Response.json({ error: error.message }, { status: 403 });
    throw error;
  }
}
