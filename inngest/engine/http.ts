import "server-only";
import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { ingestEvents } from "./ingest";
import { embeddedEventKey, embeddedSigningKey, hashedSigningKey } from "./keys";
import { registerBodySchema, saveApp } from "./registry";
import { tickEngine } from "./tick";

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The SDK (and a scheduler pinging the tick) authenticate with the hashed signing key, as with Inngest's API; Vercel Cron with CRON_SECRET. */
function authorised(request: Request): boolean {
  const signingKey = embeddedSigningKey();
  const header = request.headers.get("authorization") ?? "";
  const token = header.startsWith("Bearer ") ? header.slice(7) : "";
  if (!token) return false;
  if (signingKey && same(token, hashedSigningKey(signingKey))) return true;
  return Boolean(env.CRON_SECRET && same(token, env.CRON_SECRET));
}

const json = (body: unknown, status = 200) => Response.json(body, { status });

async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    return undefined;
  }
}

/**
 * The embedded engine's endpoints: what Inngest's event API and sync API answer (`/e/<event key>`,
 * `/fn/register`, rewritten to /api/inngest/engine/…), and `/api/inngest/engine/tick`, which a scheduler
 * pings on hosts where no loop runs.
 */
export async function handleEngineRequest(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname.replace(/^\/api\/inngest\/engine\//, "").replace(/^\//, "");
  if (request.method === "POST" && path.startsWith("e/")) {
    const key = embeddedEventKey();
    if (!key || !same(path.slice(2), key)) return json({ error: "Event key not found", status: 401 }, 401);
    const body = await readJson(request);
    try {
      const ids = await ingestEvents(body);
      return json({ ids, status: 200 });
    } catch (error) {
      if (error instanceof Error && error.name === "ZodError") return json({ error: `Invalid events: ${error.message}`, status: 400 }, 400);
      throw error;
    }
  }
  if (request.method === "POST" && path === "fn/register") {
    if (!authorised(request)) return json({ error: "Unauthorised", status: 401 }, 401);
    const parsed = registerBodySchema.safeParse(await readJson(request));
    if (!parsed.success) return json({ error: `Invalid sync: ${parsed.error.message}`, status: 400 }, 400);
    await saveApp(parsed.data);
    return json({ ok: true, modified: true });
  }
  if ((request.method === "POST" || request.method === "GET") && path === "tick") {
    if (!authorised(request)) return json({ error: "Unauthorised" }, 401);
    return json(await tickEngine({ budgetMs: 20_000 }));
  }
  return json({ error: "Not found" }, 404);
}
