import type { Metadata, Route } from "next";
import Link from "next/link";
import { LiveEngineRuns } from "@/components/settings/live-engine-runs";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { inngestMode } from "@/lib/env";
import { requirePageContext } from "@/lib/server/auth/session";
import { listEngineRuns, runStatusFilter } from "@/lib/server/data/engine-runs";

export const metadata: Metadata = { title: "Runs" };

const FILTERS = [
  ["all", "All"],
  ["failed", "Failed"],
  ["running", "Running"],
  ["queued", "Queued"],
  ["completed", "Completed"],
] as const;

export default async function RunsPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const ctx = await requirePageContext("settings.manage");
  const status = runStatusFilter.parse((await searchParams).status);
  const mode = inngestMode();
  const runs = await listEngineRuns(ctx, status);
  return (
    <Card>
      <CardHeader
        title="Background runs"
        description={
          mode === "embedded"
            ? "Rescoring, imports and nightly jobs as the embedded engine ran them: each run's steps, attempts, time and error. Replay a failed run to run it again from the start."
            : "This instance sends its background work to Inngest; follow the runs in Inngest's dashboard. Runs listed here are from the embedded engine, before the switch."
        }
      />
      <nav aria-label="Filter runs" className="flex flex-wrap gap-1 border-b border-stone-100 px-5 py-2">
        {FILTERS.map(([value, label]) => {
          const active = (status ?? "all") === value;
          const href = (value === "all" ? "/settings/runs" : `/settings/runs?status=${value}`) as Route;
          return (
            <Link key={value} href={href} aria-current={active ? "page" : undefined} className={cn("rounded-full px-3 py-1 text-xs font-medium", active ? "bg-ember-50 text-ember-700 ring-1 ring-ember-200" : "text-stone-600 hover:text-stone-900")}>
              {label}
            </Link>
          );
        })}
      </nav>
      {runs.length === 0 ? (
        <EmptyState title="No runs yet" description="Runs appear here, on their own, when orders, imports or the nightly schedule give the engine work. To see one now, start a rescoring under Scoring." />
      ) : (
        <LiveEngineRuns initial={runs} status={status} />
      )}
    </Card>
  );
}
