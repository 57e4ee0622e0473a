import "server-only";
import { Output, streamText, zodSchema } from "ai";
import { type DraftContent, draftContentSchema } from "@/lib/domain/email/draft-content";
import { validateGrounding } from "@/lib/domain/email/grounding";
import { factLines, type WriterFacts } from "@/lib/domain/email/writer-facts";
import { env } from "@/lib/env";
import { retryPrompt, systemPrompt, userPrompt } from "./prompts";
import { offlineWriter, type WriterModel, writerModel } from "./providers";

export type PartialDraft = { subject?: string; preheader?: string; paragraphs?: (string | undefined)[]; callToAction?: string };
export type WrittenDraft = { content: DraftContent; writer: "model" | "offline" | "offline_fallback"; model: string; note: string | null };
export type DraftStreamEvent = { type: "partial"; draft: PartialDraft } | { type: "restart"; reason: string } | ({ type: "done" } & WrittenDraft);

/** Model faults (timeouts, 5xx, 429, broken output) are retried this many times in all, with backoff, before the offline writer steps in. */
const MODEL_ATTEMPTS = 3;
const BACKOFF_MS = 300;
/** The draft's schema as the SDK needs it (JSON Schema for the request, zod to check the answer), converted once per process, not per draft. */
const DRAFT_OUTPUT = zodSchema(draftContentSchema);

export class DraftAbortedError extends Error {
  constructor() {
    super("Drafting was stopped.");
  }
}

type Attempt = { ok: true; content: DraftContent } | { ok: false; fault: string };

async function* attemptDraft(writer: WriterModel, facts: WriterFacts, correction: string | null, signal: AbortSignal | undefined): AsyncGenerator<DraftStreamEvent, Attempt> {
  const timeout = AbortSignal.timeout(env.AI_TIMEOUT_MS);
  let streamError: unknown = null;
  const result = streamText({
    model: writer.model,
    system: systemPrompt(facts),
    messages: [{ role: "user", content: correction ? `${userPrompt(facts)}\n\n${correction}` : userPrompt(facts) }],
    output: Output.object({ schema: DRAFT_OUTPUT }),
    maxRetries: 0,
    temperature: 0.7,
    abortSignal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    onError: ({ error }) => {
      streamError = error;
    },
  });
  // Read before streaming: when the reader stops early (Stop), the abandoned result must not reject unhandled.
  const output = Promise.resolve(result.output);
  output.catch(() => undefined);
  try {
    for await (const partial of result.partialOutputStream) yield { type: "partial", draft: partial as PartialDraft };
    return { ok: true, content: await output };
  } catch (error) {
    if (signal?.aborted) throw new DraftAbortedError();
    return { ok: false, fault: describeFault(streamError ?? error) };
  }
}

function describeFault(error: unknown): string {
  if (error instanceof Error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (error.name === "TimeoutError" || error.name === "AbortError") return "the model timed out";
    return status ? `the model answered ${status}` : error.message.slice(0, 200);
  }
  return String(error);
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), reject(new DraftAbortedError())), { once: true });
  });

/**
 * Writes a draft, streaming it as it is written. Faults are retried with backoff; a draft that states something not
 * in the facts or offers is written again once with the reason, then rejected; either way the offline writer then
 * writes it, and the draft says why. Never ends without a draft, unless stopped or the offline writer's own draft
 * fails the check (which would be a fault of ours: it writes from the facts alone).
 */
export async function* writeDraft(facts: WriterFacts, options: { modelId: string; signal?: AbortSignal; writer?: WriterModel }): AsyncGenerator<DraftStreamEvent, void> {
  const writer = options.writer ?? writerModel(options.modelId);
  const sources = { facts: factLines(facts), offers: facts.offers, products: [] };
  let correction: string | null = null;
  let groundingRetries = 0;
  let problem = "";
  for (let attempt = 1; attempt <= MODEL_ATTEMPTS; attempt++) {
    const outcome = yield* attemptDraft(writer, facts, correction, options.signal);
    if (outcome.ok) {
      const grounding = validateGrounding(outcome.content, sources);
      if (grounding.ok) {
        yield { type: "done", content: outcome.content, writer: writer.kind, model: writer.modelId, note: writer.kind === "offline" ? "Written offline: no OpenRouter API key is set (OPENROUTER_API_KEY), so the AI model in Settings → Email policy is not used." : null };
        return;
      }
      problem = `the draft was rejected: ${grounding.reason}`;
      if (groundingRetries++ >= 1) break;
      correction = retryPrompt(grounding.reason);
      attempt--; // a grounding retry is not a fault
    } else {
      problem = outcome.fault;
      if (writer.kind === "offline") throw new Error(`The offline writer failed: ${problem}`);
      if (attempt < MODEL_ATTEMPTS) await sleep(BACKOFF_MS * 2 ** (attempt - 1), options.signal);
    }
    yield { type: "restart", reason: problem };
  }
  const fallback = offlineWriter();
  const outcome = yield* attemptDraft(fallback, facts, null, options.signal);
  if (!outcome.ok) throw new Error(`The offline writer failed: ${outcome.fault}`);
  // It writes only from the facts, so this holds; checked all the same, since its draft may be sent without review.
  const grounding = validateGrounding(outcome.content, sources);
  if (!grounding.ok) throw new Error(`The offline writer's draft failed the grounding check: ${grounding.reason}`);
  yield { type: "done", content: outcome.content, writer: "offline_fallback", model: fallback.modelId, note: `Written offline because ${problem}.` };
}

/** The whole draft at once (outreach, the benchmark): the same stream, read to its end. */
export async function writeDraftNow(facts: WriterFacts, options: { modelId: string; signal?: AbortSignal; writer?: WriterModel }): Promise<WrittenDraft> {
  for await (const event of writeDraft(facts, options)) if (event.type === "done") return event;
  throw new Error("The writer ended without a draft");
}
