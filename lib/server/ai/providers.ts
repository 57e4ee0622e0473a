import "server-only";
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { createOpenRouter } from "@openrouter/ai-sdk-provider";
import { env } from "@/lib/env";
import { offlineWriterModel } from "./offline-writer";

export type WriterModel = { model: LanguageModelV4; kind: "model" | "offline"; modelId: string };

/** The one place the writer is chosen: OpenRouter with the policy's model id when a key is set, else the offline writer. */
export function writerModel(modelId: string): WriterModel {
  if (!env.OPENROUTER_API_KEY) return offlineWriter();
  const openrouter = createOpenRouter({ apiKey: env.OPENROUTER_API_KEY, ...(env.OPENROUTER_BASE_URL ? { baseURL: env.OPENROUTER_BASE_URL } : {}), compatibility: "strict" });
  return { model: openrouter.chat(modelId), kind: "model", modelId };
}

export function offlineWriter(): WriterModel {
  const model = offlineWriterModel();
  return { model, kind: "offline", modelId: model.modelId };
}
