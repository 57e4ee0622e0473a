import { clientsCsv } from "@/lib/domain/clients/csv-export";
import { parseClientListQuery } from "@/lib/domain/clients/list-query";
import { listClientsForExport } from "@/lib/server/data/clients";
import { jsonRoute } from "@/lib/server/http/json-route";

export const dynamic = "force-dynamic";

/** The client list with the same filters and order as /clients (from the query string), as CSV; a stylist gets their own clients only. */
export const GET = jsonRoute("clients.read", async (ctx, request: Request) => {
  const query = parseClientListQuery(new URL(request.url).searchParams);
  const { rows, truncated } = await listClientsForExport(ctx, query);
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
});
