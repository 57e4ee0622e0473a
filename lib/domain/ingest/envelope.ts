import { z } from "zod";
import { type IngestIssue, issuesFrom } from "./issues";
import { sourceField } from "./order-event";

const MAX_BATCH_ITEMS = 1000;

export type ValidItem<T> = { index: number; value: T };

export type EnvelopeResult<T> =
  | { ok: false; eventId: string | null; received: number; issues: IngestIssue[] }
  | { ok: true; eventId: string; source: string | null; received: number; valid: ValidItem<T>[]; rejected: number[]; issues: IngestIssue[] };

type EnvelopeSpec<S extends z.ZodType, T> = {
  /** The key for one item ("order") and for a batch ("orders"). */
  single: string;
  batch: string;
  item: S;
  toItem: (parsed: z.output<S>) => T;
  withSource: boolean;
};

const eventIdField = z
  .string({ error: "Give every delivery an event_id, and reuse it when you retry" })
  .trim()
  .min(1, "Give every delivery an event_id, and reuse it when you retry")
  .max(200, "Keep event_id to 200 characters or fewer");

/**
 * A parser for deliveries of one kind: splits a delivery into its event id and items, validating each
 * item on its own so that in a batch the valid ones can be stored and the invalid ones reported by
 * path (`orders[3].value_cents`). The schema is built once, not per request.
 */
export function envelopeParser<S extends z.ZodType, T>(spec: EnvelopeSpec<S, T>): (body: unknown) => EnvelopeResult<T> {
  const shape = z
    .object({
      event_id: eventIdField,
      ...(spec.withSource ? { source: sourceField } : {}),
      [spec.single]: z.unknown().optional(),
      [spec.batch]: z
        .array(z.unknown(), `Give ${spec.batch} as an array`)
        .min(1, `Send at least one item in ${spec.batch}`)
        .max(MAX_BATCH_ITEMS, `Send at most ${MAX_BATCH_ITEMS.toLocaleString("en-US")} items per delivery`)
        .optional(),
    }, "The body must be a JSON object")
    .refine((b: Record<string, unknown>) => (b[spec.single] === undefined) !== (b[spec.batch] === undefined), {
      path: [spec.batch],
      message: `Send either "${spec.single}" (one) or "${spec.batch}" (a batch), not both or neither`,
    });

  return (body) => {
    const envelope = shape.safeParse(body);
    if (!envelope.success) {
      const raw = body as { event_id?: unknown } | null;
      return { ok: false, eventId: typeof raw?.event_id === "string" ? raw.event_id : null, received: 0, issues: issuesFrom(envelope.error) };
    }
    const data = envelope.data as Record<string, unknown> & { event_id: string; source?: string };
    const batch = data[spec.batch];
    const entries: [PropertyKey[], unknown][] = Array.isArray(batch) ? batch.map((v, i) => [[spec.batch, i], v]) : [[[spec.single], data[spec.single]]];

    const valid: ValidItem<T>[] = [];
    const rejected: number[] = [];
    const issues: IngestIssue[] = [];
    entries.forEach(([prefix, value], index) => {
      const parsed = spec.item.safeParse(value);
      if (parsed.success) valid.push({ index, value: spec.toItem(parsed.data) });
      else {
        rejected.push(index);
        issues.push(...issuesFrom(parsed.error, prefix));
      }
    });
    if (valid.length === 0) return { ok: false, eventId: data.event_id, received: entries.length, issues };
    return { ok: true, eventId: data.event_id, source: data.source ?? null, received: entries.length, valid, rejected, issues };
  };
}
