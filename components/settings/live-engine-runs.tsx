"use client";

import { useLiveQuery } from "@/components/ui/live-query";
import type { RunListItem } from "@/lib/server/data/engine-runs";
import { EngineRunRow } from "./engine-run-row";

type RunJson = Omit<RunListItem, "createdAt" | "startedAt" | "finishedAt" | "nextAt" | "steps"> & {
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  nextAt: string;
  steps: (Omit<RunListItem["steps"][number], "startedAt"> & { startedAt: string })[];
};

const date = (value: string | null) => (value === null ? null : new Date(value));

/** The route's JSON back into the rows' shape: its dates arrive as ISO strings. */
function readRuns(json: unknown): RunListItem[] {
  return (json as { runs: RunJson[] }).runs.map((run) => ({
    ...run,
    createdAt: new Date(run.createdAt),
    startedAt: date(run.startedAt),
    finishedAt: date(run.finishedAt),
    nextAt: new Date(run.nextAt),
    steps: run.steps.map((step) => ({ ...step, startedAt: new Date(step.startedAt) })),
  }));
}

const UNDER_WAY = new Set<RunListItem["status"]>(["debouncing", "queued", "running"]);

/** Settings → Runs' list, refreshing on its own (quickly while a run is under way) through the app's query cache. */
export function LiveEngineRuns({ initial, status }: { initial: RunListItem[]; status?: string }) {
  const url = status ? `/api/engine-runs?status=${encodeURIComponent(status)}` : "/api/engine-runs";
  const { data: runs } = useLiveQuery({ key: ["engine-runs", status ?? "all"], url, read: readRuns, initial, isActive: (list) => list.some((run) => UNDER_WAY.has(run.status)) });
  return (
    <ol className="divide-y divide-stone-100" data-testid="engine-runs">
      {runs.map((run) => (
        <EngineRunRow key={run.id} run={run} />
      ))}
    </ol>
  );
}
