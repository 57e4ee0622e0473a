/**
 * Child of `npm run bench:email`: time to the first streamed token, straight from the OpenRouter stand-in and
 * through our draft route's stream over HTTP (facts from the database for a scored client with several fixes, the AI
 * SDK, the OpenRouter provider, NDJSON out, each chunk written as it comes, as Next streams a route's body), in one
 * process, alternating. The route's sign-in check is not part of it (Auth.js needs Next's request context). Prints one JSON line.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { composeOfflineDraft, offlineInputSchema } from "@/lib/domain/email/offline-composer";
import { startOpenRouterLoopback } from "@/test/loopback/openrouter-server";
import { percentile } from "./with-database";

const RUNS = Number(process.env.RUNS ?? 40);
const openrouter = await startOpenRouterLoopback((request) => {
  const prompt = JSON.stringify(request.messages.at(-1)?.content ?? "");
  const user = JSON.parse(prompt) as string | { text: string }[];
  const text = typeof user === "string" ? user : user.map((p) => p.text).join("\n");
  const data = text.slice(text.lastIndexOf("<client_data>") + 13, text.lastIndexOf("</client_data>"));
  return JSON.stringify(composeOfflineDraft(offlineInputSchema.parse(JSON.parse(data))));
});
process.env.OPENROUTER_API_KEY = "sk-or-bench";
process.env.OPENROUTER_BASE_URL = openrouter.baseURL;
const { DRAFT_STREAM_HEADERS, streamDraft } = await import("@/lib/server/emails/stream-draft");
const { db } = await import("@/lib/server/db/client");
const { sql } = await import("drizzle-orm");

const { rescoreClient } = await import("@/lib/server/services/engagement/rescore-client");

const [client] = await db.execute<{ id: string }>(sql`select id from clients order by id limit 1`);
if (!client) throw new Error("no client to draft for");
const clientId = client.id;
const ctx = { actor: { type: "system" as const, name: "bench" }, db };
// A client as the client page shows one: a few fixes over the past year and a stored score, so the facts include drivers.
await db.execute(sql`
  insert into orders (client_id, source, external_id, ordered_at, items_shipped, items_kept, value_cents, status)
  select ${clientId}, 'bench', ${clientId} || '-' || i, date '2025-06-01' + (i * 45), 5, i % 4, 12000 + i * 1000, 'shipped' from generate_series(1, 5) i`);
await rescoreClient({ ctx, input: { clientId } });

// What the draft route does once the user is known: its body streamed, each chunk written as soon as it comes.
const route = http.createServer(async (req, res) => {
  let raw = "";
  for await (const chunk of req) raw += chunk;
  const controller = new AbortController();
  res.on("close", () => controller.abort());
  const input = JSON.parse(raw) as { clientId: string };
  const response = new Response(streamDraft(ctx, { clientId: input.clientId, replace: true }, controller.signal), { headers: DRAFT_STREAM_HEADERS });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  try {
    for await (const chunk of response.body ?? []) res.write(chunk);
  } catch {
    // the reader went away
  }
  res.end();
});
await new Promise<void>((resolve) => route.listen(0, "127.0.0.1", resolve));
const routeUrl = `http://127.0.0.1:${(route.address() as AddressInfo).port}/api/emails/draft`;

/** Milliseconds from `start` until the streamed body first satisfies `arrived`; the rest of the stream is cancelled. */
async function readUntil(response: Response, start: number, arrived: (text: string) => boolean): Promise<number> {
  const reader = response.body?.getReader();
  if (!reader) throw new Error("no body");
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`no token: ${text.slice(0, 200)}`);
    text += decoder.decode(value);
    if (arrived(text)) break;
  }
  const elapsed = performance.now() - start;
  await reader.cancel();
  return elapsed;
}

async function direct(): Promise<number> {
  const start = performance.now();
  const response = await fetch(`${openrouter.baseURL}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer sk-or-bench" },
    body: JSON.stringify({ model: "m/x", stream: true, messages: [{ role: "user", content: `<client_data>{"client":{"firstName":"Ada"},"stylist":{"name":"Ava"}}</client_data>` }] }),
  });
  return readUntil(response, start, (text) => /"content":"[^"]+"/.test(text));
}

async function ours(): Promise<number> {
  const controller = new AbortController();
  const start = performance.now();
  const response = await fetch(routeUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ clientId }), signal: controller.signal });
  const elapsed = await readUntil(response, start, (text) => text.includes('"type":"partial"') && /"subject":"[^"]+"/.test(text));
  controller.abort();
  return elapsed;
}

await direct();
await ours();
// Where the route's time goes before the model is asked: the facts it reads from the database.
const { loadWriterFacts } = await import("@/lib/server/emails/client-facts");
const factTimes: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  await loadWriterFacts(ctx, clientId);
  factTimes.push(performance.now() - start);
}
factTimes.sort((a, b) => a - b);
// And the AI SDK's part: from facts in hand to the first partial draft with a subject (no database, no HTTP of ours).
const { writeDraft } = await import("@/lib/server/ai/write-draft");
const { facts, policy } = await loadWriterFacts(ctx, clientId);
const sdkTimes: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const controller = new AbortController();
  const start = performance.now();
  for await (const event of writeDraft(facts, { modelId: policy.aiModel, signal: controller.signal })) if (event.type === "partial" && event.draft.subject) break;
  sdkTimes.push(performance.now() - start);
  controller.abort();
}
sdkTimes.sort((a, b) => a - b);
const directTimes: number[] = [];
const ourTimes: number[] = [];
for (let i = 0; i < RUNS; i++) {
  directTimes.push(await direct());
  ourTimes.push(await ours());
}
directTimes.sort((a, b) => a - b);
ourTimes.sort((a, b) => a - b);
console.log(JSON.stringify({ runs: RUNS, directMedian: percentile(directTimes, 50), directP95: percentile(directTimes, 95), oursMedian: percentile(ourTimes, 50), oursP95: percentile(ourTimes, 95), factsMedian: percentile(factTimes, 50), sdkMedian: percentile(sdkTimes, 50) }));
await openrouter.close();
route.closeAllConnections();
await new Promise((resolve) => route.close(resolve));
await db.$client.end();
