import "server-only";
import type { LanguageModelV4, LanguageModelV4CallOptions, LanguageModelV4StreamPart, LanguageModelV4Usage } from "@ai-sdk/provider";
import { composeOfflineDraft, offlineInputSchema } from "@/lib/domain/email/offline-composer";
import { clientDataOf } from "./prompts";

const OFFLINE_MODEL_ID = "rekindle/offline-writer";

const USAGE: LanguageModelV4Usage = {
  inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 0, text: 0, reasoning: 0 },
};

function lastUserText(options: LanguageModelV4CallOptions): string {
  const texts = options.prompt.flatMap((m) => (m.role === "user" ? m.content.flatMap((part) => (part.type === "text" ? [part.text] : [])) : []));
  return texts.join("\n");
}

/** The JSON the offline writer "generates": composed from the client data block of the prompt, like a model would read it. */
function compose(options: LanguageModelV4CallOptions): string {
  const input = offlineInputSchema.safeParse(clientDataOf(lastUserText(options)));
  if (!input.success) throw new Error("The offline writer found no client data in the prompt");
  return JSON.stringify(composeOfflineDraft(input.data));
}

/** Splits text into pieces of a few words, so the offline writer streams the way a model does (subject first). */
function chunksOf(text: string): string[] {
  return text.match(/(?:\S*\s*){1,4}/g)?.filter(Boolean) ?? [text];
}

/**
 * The built-in writer, as an AI SDK language model: with no OPENROUTER_API_KEY the same streamText call, structured
 * output and streaming route run against it. It writes from the facts alone (see composeOfflineDraft).
 */
export function offlineWriterModel(): LanguageModelV4 {
  return {
    specificationVersion: "v4",
    provider: "rekindle",
    modelId: OFFLINE_MODEL_ID,
    supportedUrls: {},
    async doGenerate(options) {
      return { content: [{ type: "text", text: compose(options) }], finishReason: { unified: "stop", raw: "stop" }, usage: USAGE, warnings: [] };
    },
    async doStream(options) {
      const text = compose(options);
      const signal = options.abortSignal;
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        async start(controller) {
          controller.enqueue({ type: "stream-start", warnings: [] });
          controller.enqueue({ type: "text-start", id: "0" });
          for (const delta of chunksOf(text)) {
            if (signal?.aborted) break;
            controller.enqueue({ type: "text-delta", id: "0", delta });
            // Yield to the event loop between words, so a reader sees the email arrive piece by piece.
            await new Promise((resolve) => setImmediate(resolve));
          }
          controller.enqueue({ type: "text-end", id: "0" });
          controller.enqueue({ type: "finish", usage: USAGE, finishReason: { unified: "stop", raw: "stop" } });
          controller.close();
        },
      });
      return { stream };
    },
  };
}
