import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import type { RunListItem } from "@/lib/server/data/engine-runs";
import { ReplayRunButton } from "./replay-run-button";

const TONES = { debouncing: "neutral", queued: "neutral", running: "blue", completed: "green", failed: "red", cancelled: "amber" } as const;
const LABELS = { debouncing: "waiting (debounce)", queued: "queued", running: "running", completed: "completed", failed: "failed", cancelled: "cancelled" } as const;

function duration(ms: number): string {
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 120_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

/** One run of the embedded engine: its function, outcome, attempts and time, with its steps and error expandable. */
export function EngineRunRow({ run }: { run: RunListItem }) {
  const took = run.startedAt && run.finishedAt ? duration(run.finishedAt.getTime() - run.startedAt.getTime()) : null;
  return (
    <li className="px-5 py-3" data-testid="engine-run">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="flex flex-wrap items-center gap-2 text-sm text-stone-900">
          <Badge tone={TONES[run.status]}>{LABELS[run.status]}</Badge>
          <span className="font-medium">{run.functionName}</span>
          <span className="font-mono text-xs text-stone-500">{run.eventName}</span>
          {run.replayOf ? <Badge tone="ember">replay</Badge> : null}
        </p>
        <div className="flex items-center gap-3">
          <LocalTime value={run.createdAt} seconds className="text-xs text-stone-500" />
          {run.status === "failed" || run.status === "cancelled" ? <ReplayRunButton runId={run.id} /> : null}
        </div>
      </div>
      <p className="mt-1 text-xs text-stone-500">
        {run.calls} call{run.calls === 1 ? "" : "s"}
        {run.attempt ? ` · attempt ${run.attempt + 1}` : ""}
        {took ? ` · took ${took}` : ""}
        {run.status === "queued" && run.nextAt > new Date() ? (
          <>
            {" "}· next at <LocalTime value={run.nextAt} seconds />
          </>
        ) : null}
      </p>
      {run.error ? (
        <p className="mt-1 text-xs break-words text-red-800">
          {run.error.name ?? "Error"}: {run.error.message}
        </p>
      ) : null}
      {run.steps.length ? (
        <details className="mt-2 text-xs">
          <summary className="cursor-pointer font-medium text-stone-700">
            {run.steps.length} step call{run.steps.length === 1 ? "" : "s"}
          </summary>
          <ol className="mt-1 space-y-0.5 rounded-lg bg-stone-50 p-3 ring-1 ring-stone-100">
            {run.steps.map((step) => (
              <li key={step.id} className="flex flex-wrap gap-x-2 break-all">
                <span className="font-medium text-stone-800">{step.name}</span>
                <span className="font-mono text-stone-500">{step.op}</span>
                <span className={step.error ? "text-red-800" : "text-stone-700"}>{step.outcome}</span>
                {step.attempt ? <span className="text-stone-500">attempt {step.attempt + 1}</span> : null}
                <span className="text-stone-500">{duration(step.durationMs)}</span>
                {step.error ? <span className="text-red-800">{step.error}</span> : null}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </li>
  );
}
