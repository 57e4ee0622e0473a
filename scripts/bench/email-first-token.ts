/**
 * Child of `npm run bench:email`: time to the first streamed token, straight from the OpenRouter stand-in and
 * through our draft route's stream (facts from the database, the AI SDK, the OpenRouter provider, NDJSON out),
 * in one process, alternating. Prints one JSON line.
 */
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
const { streamDraft } = await import("@/lib/server/emails/stream-draft");
const { db } = await import("@/lib/server/db/client");
const { sql } = await import("drizzle-orm");

const [client] = await db.execute<{ id: string }>(sql`select id from clients order by id limit 1`);
if (!client) throw new Error("no client to draft for");
const clientId = client.id;
const ctx = { actor: { type: "system" as const, name: "bench" }, db };

async function direct(): Promise<number> {
  const start = performance.now();
  const response = await fetch(`${openrouter.baseURL}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer sk-or-bench" },
    body: JSON.stringify({ model: "m/x", stream: true, messages: [{ role: "user", content: `<client_data>{"client":{"firstName":"Ada"},"stylist":{"name":"Ava"}}</client_data>` }] }),
  });
  const reader = response.body?.getReader();
  if (!reader) throw new Error("no body");
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error("no token");
    text += decoder.decode(value);
    if (/"content":"[^"]+"/.test(text)) break;
  }
  const elapsed = performance.now() - start;
  await reader.cancel();
  return elapsed;
}

async function ours(): Promise<number> {
  const controller = new AbortController();
  const start = performance.now();
  const reader = streamDraft(ctx, { clientId, replace: true }, controller.signal).getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`no token: ${text}`);
    text += decoder.decode(value);
    if (text.includes('"type":"partial"') && /"subject":"[^"]+"/.test(text)) break;
  }
  const elapsed = performance.now() - start;
  controller.abort();
  await reader.cancel();
  return elapsed;
}

await direct();
await ours();
const directTimes: number[] = [];
const ourTimes: number[] = [];
for (let i = 0; i < RUNS; i++) {
  directTimes.push(await direct());
  ourTimes.push(await ours());
}
directTimes.sort((a, b) => a - b);
ourTimes.sort((a, b) => a - b);
console.log(JSON.stringify({ runs: RUNS, directMedian: percentile(directTimes, 50), directP95: percentile(directTimes, 95), oursMedian: percentile(ourTimes, 50), oursP95: percentile(ourTimes, 95) }));
await openrouter.close();
await db.$client.end();
