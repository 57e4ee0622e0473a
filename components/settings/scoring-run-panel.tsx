"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useActionState, useEffect } from "react";
import { startFullRescoreAction } from "@/app/(app)/settings/actions";
import { ProgressBar } from "@/components/import/progress-bar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { formatNumber } from "@/components/ui/format";
import { LocalTime } from "@/components/ui/local-time";
import { useLiveQuery } from "@/components/ui/live-query";
import { IDLE } from "@/lib/forms/action-state";
import { MODEL_REUSE_DAYS } from "@/lib/domain/engagement/model-reuse";
import type { ScoringRunView } from "@/lib/server/data/scoring-runs";

const LATEST_RUN = ["scoring-runs", "latest"] as const;
const STATUS = { queued: ["Waiting to start", "neutral"], running: ["Running", "blue"], succeeded: ["Finished", "green"], failed: ["Failed", "red"] } as const;

/** The latest run as the route answers it (JSON: its dates stay ISO strings, as ScoringRunView has them). */
const readLatestRun = (json: unknown) => (json as { run: ScoringRunView | null }).run;

/** Which churn model a finished run scored with, when it is not one fitted on the run's own data. */
function modelNote(run: ScoringRunView) {
  if (!run.modelAsOf) return "Scored without P(alive): no churn model could be fitted yet (too few clients with orders, or data the model cannot fit).";
  if (run.modelAsOf === run.asOf) return "";
  if (run.modelReused) {
    return (
      <>
        Scored with the churn model fitted as of <LocalTime value={run.modelAsOf} />: nightly runs refit it once it is {MODEL_REUSE_DAYS} days old, or after the engagement settings are saved or an
        import finishes.
      </>
    );
  }
  return (
    <>
      The churn model could not be fitted on this data, so the run kept the one fitted as of <LocalTime value={run.modelAsOf} />.
    </>
  );
}

/** How many clients the run moved between tiers, and which way. */
function tierNote(run: ScoringRunView): string {
  const c = run.tierChanges;
  if (!c) return "";
  if (c.changed === 0) return "No client changed tier.";
  const parts = [c.fell ? `${formatNumber(c.fell)} fell` : "", c.rose ? `${formatNumber(c.rose)} rose` : "", c.firstScored ? `${formatNumber(c.firstScored)} scored for the first time` : ""].filter(Boolean);
  return `${formatNumber(c.changed)} client${c.changed === 1 ? "" : "s"} changed tier (${parts.join(", ")}).`;
}

const isActive = (run: ScoringRunView | null | undefined) => run?.status === "queued" || run?.status === "running";

/** Win-back outreach works through a run's entries in the moments after it (the server says while): polled quickly meanwhile. */
const isSettling = (run: ScoringRunView | null | undefined) => run?.outreachSettling === true;

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** What win-back outreach made of the run's entries so far, so a first run's catch-up is not a surprise. */
function OutreachNote({ run }: { run: ScoringRunView }) {
  const o = run.outreach;
  if (!o) return null;
  if (o.entered === 0) {
    return <p className="text-sm text-stone-600">{isSettling(run) ? "Handing clients who are at risk or lapsed to win-back outreach…" : "No client entered win-back outreach."}</p>;
  }
  const parts = [
    o.heldOut ? `${formatNumber(o.heldOut)} held out (no email, to measure against)` : "",
    o.awaitingReview ? plural(o.awaitingReview, "draft waiting for review", "drafts waiting for review") : "",
    o.approved ? `${plural(o.approved, "email", "emails")} approved to send` : "",
    o.discarded ? `${plural(o.discarded, "draft", "drafts")} discarded` : "",
  ].filter(Boolean);
  // Outreach takes the run's entries in the moments after it: until then the counts are still climbing.
  // With no tier change, every entry is a client already at risk or lapsed whom outreach had not had: said, or the
  // line would seem to contradict "No client changed tier" above it.
  const already = run.tierChanges?.changed === 0 ? " already at risk or lapsed" : "";
  const lead = isSettling(run)
    ? `Handing clients${already} to win-back outreach: ${formatNumber(o.entered)} so far`
    : `${plural(o.entered, "client", "clients")}${already} entered win-back outreach`;
  return (
    <p className="text-sm text-stone-700" data-testid="run-outreach">
      {lead}
      {parts.length ? `: ${parts.join(", ")}` : ""}.{" "}
      {o.awaitingReview || o.approved ? (
        <Link href="/emails" className="font-medium text-stone-900 underline decoration-stone-300 hover:decoration-stone-600">
          Open the emails
        </Link>
      ) : null}
    </p>
  );
}

/** The newest full run, live from the app's one query cache: every widget showing it shares one poll. */
function useLatestScoringRun(initial: ScoringRunView | null) {
  return useLiveQuery({ key: LATEST_RUN, url: "/api/scoring-runs/latest", read: readLatestRun, initial, isActive: (run) => isActive(run) || isSettling(run) });
}

/** After an action that queued a run: fetch the run now rather than at the next idle poll. */
export function useRefreshRunOnSuccess(status: string) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (status === "success") void queryClient.invalidateQueries({ queryKey: LATEST_RUN });
  }, [status, queryClient]);
}

/** What scoring will hand to win-back outreach at once (the next full run, or an import), and where to change that first. */
export function OutreachNotice({ text }: { text: string }) {
  return (
    <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="outreach-notice">
      {text}{" "}
      <Link href="/settings/email" className="font-medium underline decoration-amber-400 hover:decoration-amber-700">
        Email policy
      </Link>
    </p>
  );
}

/** Starts a full rescoring and follows its progress; the run goes on on the server if the page is closed. */
export function ScoringRunPanel({ initial, outreachNotice }: { initial: ScoringRunView | null; outreachNotice: string | null }) {
  const { data: run } = useLatestScoringRun(initial);
  const [state, action, pending] = useActionState(startFullRescoreAction, IDLE);
  useRefreshRunOnSuccess(state.status);
  return (
    <div className="space-y-5" data-testid="scoring-run">
      <form action={action} className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending || isActive(run)}>
          {pending ? "Starting…" : "Rescore all clients"}
        </Button>
        <p className="text-sm text-stone-500">Scores every client as of now, with a freshly fitted churn model.</p>
      </form>
      {/* Read when the page was drawn: a run started since has changed what the next one hands on. */}
      {outreachNotice && run?.id === initial?.id && !isActive(run) && !isActive(initial) && !isSettling(initial) ? <OutreachNotice text={outreachNotice} /> : null}
      <FormAlert state={state} />
      <ScoringRunStatus initial={initial} />
    </div>
  );
}

/** The newest run's state, progress and outcome, refreshing on its own while it is queued or running. */
export function ScoringRunStatus({ initial }: { initial: ScoringRunView | null }) {
  const { data: run, error } = useLatestScoringRun(initial);
  const percent = run && run.total > 0 ? Math.min(100, Math.floor((run.done / run.total) * 100)) : 0;
  return (
    <>
      {error ? <p className="text-sm text-red-700">{error.message}</p> : null}
      {run ? (
        <div className="space-y-3">
          <div className="flex flex-wrap items-center gap-2 text-sm text-stone-600">
            <Badge tone={STATUS[run.status][1]}>{STATUS[run.status][0]}</Badge>
            <span>
              As of <LocalTime value={run.asOf} />{run.startedByName ? `, started by ${run.startedByName}` : ""}
            </span>
          </div>
          {run.status === "running" ? (
            <ProgressBar percent={percent} label={run.done === 0 ? "Reading order histories" : run.total > 0 ? `${formatNumber(run.done)} of ${formatNumber(run.total)} clients rescored` : `${formatNumber(run.done)} clients rescored`} />
          ) : null}
          {run.status === "succeeded" ? (
            <p className="text-sm text-stone-700">
              {/* Every client is looked at; one with no orders keeps no score (see keepsScore), so the list counts them apart. */}
              {formatNumber(run.done)} clients rescored (any without orders stay unscored)
              {run.finishedAt ? (
                <>
                  , finished <LocalTime value={run.finishedAt} />
                </>
              ) : null}
              . {tierNote(run)} {modelNote(run)}
            </p>
          ) : null}
          {run.status === "succeeded" ? <OutreachNote run={run} /> : null}
          {run.status === "failed" ? <p className="text-sm text-red-700">{run.error ?? "The run failed."}</p> : null}
        </div>
      ) : (
        <p className="text-sm text-stone-600">No full rescoring has run yet. Start one to score every client and fit the churn model.</p>
      )}
    </>
  );
}
