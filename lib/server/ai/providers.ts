import "server-only";
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { createOpenRouter } from "@openrouter/ai-sdk-provider";
import { env } from "@/lib/env";
import { offlineWriterModel } from "./offline-writer";

export type WriterModel = { model: LanguageModelV4; kind: "model" | "offline"; modelId: string };

/**
 * fetch whose response bodies never reject a cancel. The OpenRouter provider cancels the body without handling the
 * promise when a draft is stopped, and an aborted body rejects it: an unhandled rejection that could end the process.
 */
const fetchWithQuietCancel: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const body = response.body;
  if (!body) return response;
  const reader = body.getReader();
  const quiet = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason).catch(() => undefined);
    },
  });
  return new Response(quiet, { status: response.status, statusText: response.statusText, headers: response.headers });
};

/** Whether drafts are written by the offline writer (no OpenRouter key), for pages to say so before anyone drafts. */
export const writesOffline = (): boolean => !env.OPENROUTER_API_KEY;

/** The one place the writer is chosen: OpenRouter with the policy's model id when a key is set, else the offline writer. */
export function writerModel(modelId: string): WriterModel {
  if (!env.OPENROUTER_API_KEY) return offlineWriter();
  const openrouter = createOpenRouter({ apiKey: env.OPENROUTER_API_KEY, ...(env.OPENROUTER_BASE_URL ? { baseURL: env.OPENROUTER_BASE_URL } : {}), compatibility: "strict", fetch: fetchWithQuietCancel });
  return { model: openrouter.chat(modelId), kind: "model", modelId };
}

export function offlineWriter(): WriterModel {
  const model = offlineWriterModel();
  return { model, kind: "offline", modelId: model.modelId };
}
