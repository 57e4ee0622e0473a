import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { parseCron } from "@/lib/domain/inngest/cron";
import { parseTimeString } from "@/lib/domain/inngest/duration";
import { isPathExpression } from "@/lib/domain/inngest/expression";
import { db } from "@/lib/server/db/client";
import { engineApps } from "@/lib/server/db/schema";

const keyExpression = z.string().refine(isPathExpression, "The embedded engine evaluates only event paths (event.data.x) as keys");
const timeString = z.string().refine((t) => parseTimeString(t) !== null, "Not a time string");
const concurrencyEntry = z.object({ limit: z.number().int().min(0), key: keyExpression.optional(), scope: z.string().optional() });

/** An option the engine does not honour: refused at the sync, loudly, rather than dropped and silently ignored. */
const unsupported = (option: string) =>
  z.undefined({ error: `The embedded engine does not support ${option}; run on Inngest Cloud or the Inngest Dev Server for it` }).optional();

/**
 * A function as the SDK registers it (the sync payload of Inngest's SDK spec), with the options the engine honours;
 * a function setting one it does not (throttling, rate limits, cancellation, priority, timeouts, singletons,
 * idempotency keys, a trigger's `if`) fails the sync with the option named.
 */
export const functionConfigSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  triggers: z.array(
    z.union([z.object({ event: z.string().min(1), expression: unsupported("a trigger's if expression (an onFailure handler adds one)") }), z.object({ cron: z.string().min(1) })]),
  ),
  steps: z.object({ step: z.object({ runtime: z.object({ url: z.url() }), retries: z.object({ attempts: z.number().int().min(0).max(20) }).optional() }) }),
  concurrency: z
    .union([z.number().int().min(0), concurrencyEntry, z.array(concurrencyEntry)])
    .optional()
    .transform((c) => (c === undefined ? [] : typeof c === "number" ? [{ limit: c }] : Array.isArray(c) ? c : [c])),
  debounce: z.object({ key: keyExpression.optional(), period: timeString, timeout: timeString.optional() }).optional(),
  batchEvents: z
    .object({
      maxSize: z.number().int().min(1),
      timeout: timeString,
      key: keyExpression.optional(),
      if: unsupported("batchEvents.if"),
    })
    .optional(),
  throttle: unsupported("throttle"),
  rateLimit: unsupported("rateLimit"),
  cancel: unsupported("cancelOn"),
  priority: unsupported("priority"),
  timeouts: unsupported("timeouts"),
  singleton: unsupported("singleton"),
  idempotency: unsupported("idempotency"),
});

export const registerBodySchema = z.object({
  url: z.url(),
  appName: z.string().min(1),
  functions: z.array(functionConfigSchema),
});

export type FunctionConfig = z.output<typeof functionConfigSchema>;

/** Inngest's default when a function states no retries. */
const DEFAULT_RETRIES = 4;

export function maxAttempts(fn: FunctionConfig): number {
  return (fn.steps.step.retries?.attempts ?? DEFAULT_RETRIES) + 1;
}

export function cronTriggers(fn: FunctionConfig): string[] {
  return fn.triggers.flatMap((t) => ("cron" in t ? [t.cron] : []));
}

/** Checks what cannot be checked by shape alone (cron syntax) so a bad config fails the sync, not a tick. */
function validateFunctions(functions: FunctionConfig[]): void {
  for (const fn of functions) {
    for (const cron of cronTriggers(fn)) parseCron(cron);
    if (fn.batchEvents && fn.debounce) throw new Error(`Function "${fn.id}" sets both batchEvents and debounce; a function batches or debounces, not both`);
  }
}

type App = { appId: string; url: string; functions: FunctionConfig[]; syncedAt: Date; firstSyncedAt: Date };

// The registered functions change only when the app syncs; each instance re-reads them every few seconds.
const CACHE_MS = 5_000;
let cached: { at: number; apps: App[] } | null = null;

export async function registeredApps(): Promise<App[]> {
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.apps;
  const rows = await db.select().from(engineApps);
  const apps = rows.map((r) => ({ ...r, functions: z.array(functionConfigSchema).parse(r.functions) }));
  cached = { at: Date.now(), apps };
  return apps;
}

export async function saveApp(app: z.output<typeof registerBodySchema>): Promise<void> {
  validateFunctions(app.functions);
  const row = { appId: app.appName, url: app.url, functions: app.functions, syncedAt: new Date() };
  await db.insert(engineApps).values(row).onConflictDoUpdate({ target: engineApps.appId, set: row });
  cached = null;
}

export async function findFunction(functionId: string): Promise<{ app: App; fn: FunctionConfig } | null> {
  for (const app of await registeredApps()) {
    const fn = app.functions.find((f) => f.id === functionId);
    if (fn) return { app, fn };
  }
  return null;
}

export async function forgetApp(appId: string): Promise<void> {
  await db.delete(engineApps).where(eq(engineApps.appId, appId));
  cached = null;
}
