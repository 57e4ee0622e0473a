import http from "node:http";
import type { AddressInfo } from "node:net";

export type ChatRequest = { model: string; stream?: boolean; messages: { role: string; content: unknown }[]; response_format?: unknown };
/** What the next call does: answer with this text (streamed when asked), fail with a status, or never answer. */
type Scripted = { text: string } | { status: number } | { hang: true };

function chunk(id: string, model: string, delta: Record<string, unknown>, finish: string | null) {
  return `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}

/**
 * A loopback server speaking OpenAI's chat-completions protocol as OpenRouter serves it (POST …/chat/completions,
 * SSE when `stream` is true), standing in for OpenRouter. `script` queues what the next calls do; after it runs
 * out, `reply` answers. Each word is its own SSE event, flushed as written.
 */
export async function startOpenRouterLoopback(reply: (request: ChatRequest) => string) {
  const requests: ChatRequest[] = [];
  const script: Scripted[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", async () => {
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "Not found", code: 404 } }));
        return;
      }
      const body = JSON.parse(raw) as ChatRequest;
      requests.push(body);
      const next = script.shift() ?? { text: reply(body) };
      if ("hang" in next) {
        hanging.add(res);
        res.on("close", () => hanging.delete(res));
        return;
      }
      if ("status" in next) {
        res.writeHead(next.status, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: `Scripted failure ${next.status}`, code: next.status } }));
        return;
      }
      const id = `gen-${requests.length}`;
      if (!body.stream) {
        res.writeHead(200, { "content-type": "application/json" }).end(
          JSON.stringify({
            id,
            object: "chat.completion",
            created: Math.floor(Date.now() / 1000),
            model: body.model,
            choices: [{ index: 0, message: { role: "assistant", content: next.text }, finish_reason: "stop" }],
            usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
          }),
        );
        return;
      }
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
      res.flushHeaders();
      res.write(chunk(id, body.model, { role: "assistant", content: "" }, null));
      for (const piece of next.text.match(/\S*\s*/g)?.filter(Boolean) ?? []) {
        if (res.destroyed) return;
        res.write(chunk(id, body.model, { content: piece }, null));
        await new Promise((resolve) => setImmediate(resolve));
      }
      res.write(chunk(id, body.model, {}, "stop"));
      res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model: body.model, choices: [], usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 } })}\n\n`);
      res.end("data: [DONE]\n\n");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/api/v1`,
    requests,
    script,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
