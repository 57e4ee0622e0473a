import "server-only";
import { sql } from "drizzle-orm";
import { retryBackoffMs, sleepUntil } from "@/lib/domain/inngest/duration";
import { db } from "@/lib/server/db/client";
import type { EngineRun } from "@/lib/server/db/schema";
import { LEASE_MS } from "./claim";
import { type CallOutcome, callFunction, type Op, type SerializedError, toSerializedError } from "./protocol";
import { findFunction } from "./registry";

type RunState = Pick<EngineRun, "steps" | "stack" | "planned" | "sleepingStep" | "attempt" | "calls">;
type Settled = { status: EngineRun["status"]; nextAt?: Date; output?: unknown; error?: SerializedError | null };
type StepRecord = { stepId: string; name: string; op: string; attempt: number; outcome: string; error: string | null; startedAt: Date; durationMs: number };

type DriveOptions = {
  now: () => Date;
  /** Stop driving (and leave the run queued for the next tick) once this performance.now() is passed. */
  deadline: number;
  signingKey: string;
  /** Called after each call's result is stored (tests stop the engine here to play a crash). */
  afterCall?: (run: EngineRun) => void | Promise<void>;
};

/**
 * Stores what a call changed, guarded by the lease token: a driver that lost its lease (it stalled past it
 * and another instance took the run over) writes nothing. Answers false then.
 */
async function persist(run: EngineRun, state: RunState, settled: Settled, record: StepRecord | null, now: Date): Promise<boolean> {
  const terminal = settled.status === "completed" || settled.status === "failed";
  const [row] = await db.execute<{ id: string }>(sql`
    with updated as (
      update engine_runs set steps = ${JSON.stringify(state.steps)}::jsonb, stack = ${`{${state.stack.join(",")}}`}::text[],
        planned = ${JSON.stringify(state.planned)}::jsonb, sleeping_step = ${state.sleepingStep}, attempt = ${state.attempt}, calls = ${state.calls},
        status = ${settled.status}::engine_run_status, next_at = ${(settled.nextAt ?? now).toISOString()}::timestamptz,
        lease_until = ${settled.status === "running" ? new Date(now.getTime() + LEASE_MS).toISOString() : null}::timestamptz,
        lease_token = ${settled.status === "running" ? run.leaseToken : null}::uuid,
        output = ${settled.output === undefined ? null : JSON.stringify(settled.output)}::jsonb,
        error = ${settled.error ? JSON.stringify(settled.error) : null}::jsonb,
        finished_at = ${terminal ? now.toISOString() : null}::timestamptz
      where id = ${run.id} and lease_token = ${run.leaseToken}::uuid returning id)
    ${
      record
        ? sql`insert into engine_steps (run_id, step_id, name, op, attempt, outcome, error, started_at, duration_ms)
            select id, ${record.stepId}, ${record.name}, ${record.op}, ${record.attempt}, ${record.outcome}, ${record.error}, ${record.startedAt.toISOString()}::timestamptz, ${record.durationMs} from updated returning run_id as id`
        : sql`select id from updated`
    }`);
  return Boolean(row);
}

function retryAt(now: Date, attempt: number, retryAfter: string | null): Date {
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return new Date(now.getTime() + seconds * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return new Date(at);
  }
  return new Date(now.getTime() + retryBackoffMs(attempt));
}

const opName = (op: Op) => op.displayName ?? op.name ?? op.id;

/** What the engine does with one call's answer: the run's next state, and whether to call again at once. */
function applyOutcome(run: EngineRun, state: RunState, outcome: CallOutcome, now: Date): { settled: Settled; again: boolean; step: Omit<StepRecord, "startedAt" | "durationMs"> } {
  const attempt = state.attempt;
  const canRetry = (noRetry: boolean) => !noRetry && attempt + 1 < run.maxAttempts;
  if (outcome.kind === "done") return { settled: { status: "completed", output: outcome.output }, again: false, step: { stepId: "run", name: "function", op: "Complete", attempt, outcome: "completed", error: null } };
  if (outcome.kind === "error") {
    const step = { stepId: "run", name: "function", op: "Error", attempt, error: outcome.error.message };
    if (canRetry(outcome.noRetry)) {
      state.attempt = attempt + 1;
      return { settled: { status: "queued", nextAt: retryAt(now, state.attempt, outcome.retryAfter) }, again: false, step: { ...step, outcome: "retrying" } };
    }
    return { settled: { status: "failed", error: outcome.error }, again: false, step: { ...step, outcome: "failed" } };
  }
  const memoize = (id: string, value: Record<string, unknown>) => {
    state.steps = { ...state.steps, [id]: value };
    state.stack = [...state.stack, id];
    state.planned = state.planned.filter((p) => p.id !== id);
    state.attempt = 0;
  };
  const ops = outcome.ops;
  const [first] = ops;
  if (!first) return { settled: { status: "running" }, again: true, step: { stepId: "run", name: "function", op: "None", attempt, outcome: "no-op", error: null } };
  if (ops.every((op) => op.op === "StepPlanned")) {
    for (const op of ops) if (!(op.id in state.steps) && !state.planned.some((p) => p.id === op.id)) state.planned = [...state.planned, { id: op.id, name: opName(op) }];
    return { settled: { status: "running" }, again: true, step: { stepId: first.id, name: ops.map(opName).join(", "), op: "StepPlanned", attempt, outcome: "planned", error: null } };
  }
  if (ops.length > 1) {
    return { settled: { status: "failed", error: { name: "Unsupported", message: `The embedded engine runs parallel steps only as step.run: got ${ops.map((o) => o.op).join(", ")}` } }, again: false, step: { stepId: first.id, name: opName(first), op: first.op, attempt, outcome: "failed", error: "unsupported parallel steps" } };
  }
  const step = { stepId: first.id, name: opName(first), op: first.op, attempt };
  switch (first.op) {
    case "StepRun":
    case "Step":
      memoize(first.id, { data: first.data ?? null });
      return { settled: { status: "running" }, again: true, step: { ...step, outcome: "ok", error: null } };
    case "StepError": {
      const error = toSerializedError(first.error, "Step failed");
      if (canRetry(outcome.noRetry)) {
        state.attempt = attempt + 1;
        return { settled: { status: "queued", nextAt: retryAt(now, state.attempt, outcome.retryAfter) }, again: false, step: { ...step, outcome: "retrying", error: error.message } };
      }
      memoize(first.id, { error });
      return { settled: { status: "running" }, again: true, step: { ...step, outcome: "failed", error: error.message } };
    }
    case "StepFailed": {
      const error = toSerializedError(first.error, "Step failed");
      memoize(first.id, { error });
      return { settled: { status: "running" }, again: true, step: { ...step, outcome: "failed", error: error.message } };
    }
    case "Sleep": {
      // The spec puts the duration in opts.duration; the JS SDK sends it as the op's name.
      const duration = String(first.opts?.duration ?? first.name ?? "");
      const until = sleepUntil(duration, now);
      if (!until) return { settled: { status: "failed", error: { name: "InvalidSleep", message: `Cannot sleep for "${duration}"` } }, again: false, step: { ...step, outcome: "failed", error: "invalid duration" } };
      state.sleepingStep = first.id;
      state.planned = state.planned.filter((p) => p.id !== first.id);
      return { settled: { status: "queued", nextAt: until }, again: false, step: { ...step, outcome: `sleeping until ${until.toISOString()}`, error: null } };
    }
    case "StepNotFound":
      state.planned = state.planned.filter((p) => p.id !== first.id);
      return { settled: { status: "running" }, again: true, step: { ...step, outcome: "not found", error: null } };
    case "RunComplete":
      return { settled: { status: "completed", output: first.data ?? null }, again: false, step: { ...step, outcome: "completed", error: null } };
    default:
      return {
        settled: { status: "failed", error: { name: "Unsupported", message: `The embedded engine does not support ${first.op} steps; use the Inngest Dev Server or Cloud for them` } },
        again: false,
        step: { ...step, outcome: "failed", error: `unsupported ${first.op}` },
      };
  }
}

/** Keeps the lease of a run alive while one long call (a big step) is under way. */
function keepLease(run: EngineRun, now: () => Date): () => void {
  const timer = setInterval(() => {
    void db
      .execute(sql`update engine_runs set lease_until = ${new Date(now().getTime() + LEASE_MS).toISOString()}::timestamptz where id = ${run.id} and lease_token = ${run.leaseToken}::uuid`)
      .catch((error) => console.error(`Could not extend the lease of run ${run.id}`, error));
  }, LEASE_MS / 3);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Drives a claimed run through Inngest's call protocol until it completes, fails, sleeps, waits for a retry,
 * or the deadline comes (then it is left queued for the next tick). Every call's result is stored before the
 * next call, so a run interrupted anywhere resumes from its last stored step.
 */
export async function driveRun(claimed: EngineRun, options: DriveOptions): Promise<void> {
  let run = claimed;
  const state: RunState = { steps: run.steps, stack: run.stack, planned: run.planned, sleepingStep: run.sleepingStep, attempt: run.attempt, calls: run.calls };
  const found = await findFunction(run.functionId);
  if (!found) {
    await persist(run, state, { status: "failed", error: { name: "FunctionNotFound", message: `No registered function "${run.functionId}"` } }, null, options.now());
    return;
  }
  if (state.sleepingStep) {
    state.steps = { ...state.steps, [state.sleepingStep]: { data: null } };
    state.stack = [...state.stack, state.sleepingStep];
    state.sleepingStep = null;
  }
  const stopKeeping = keepLease(run, options.now);
  try {
    for (;;) {
      if (performance.now() > options.deadline) {
        await persist(run, state, { status: "queued" }, null, options.now());
        return;
      }
      const [event] = run.events;
      const startedAt = options.now();
      const started = performance.now();
      const outcome = await callFunction(
        found.fn.steps.step.runtime.url,
        state.planned[0]?.id ?? null,
        {
          event: event ?? {},
          events: run.events,
          steps: state.steps,
          ctx: {
            run_id: run.id,
            attempt: state.attempt,
            max_attempts: run.maxAttempts,
            disable_immediate_execution: state.planned.length > 0,
            use_api: false,
            stack: { stack: state.stack, current: state.stack.length },
          },
        },
        options.signingKey,
        // Signed with the real time, whatever clock schedules the run: the SDK refuses signatures over 5 minutes off.
        new Date(),
        LEASE_MS * 10,
      );
      const durationMs = Math.round(performance.now() - started);
      state.calls += 1;
      const now = options.now();
      const { settled, again, step } = applyOutcome(run, state, outcome, now);
      if (!(await persist(run, state, settled, { ...step, startedAt, durationMs }, now))) return;
      run = { ...run, ...state, status: settled.status };
      await options.afterCall?.(run);
      if (!again) return;
    }
  } finally {
    stopKeeping();
  }
}
