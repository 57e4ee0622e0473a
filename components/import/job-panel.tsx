"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useActionState, useEffect, useRef } from "react";
import { startImportAction } from "@/app/(app)/import/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { formatNumber } from "@/components/ui/format";
import { IDLE } from "@/lib/forms/action-state";
import type { ImportJobView } from "@/lib/server/data/import-jobs";
import { ProgressBar } from "./progress-bar";

const importQueryKey = (id: string) => ["import", id] as const;

async function fetchJob(id: string): Promise<ImportJobView> {
  const response = await fetch(`/api/imports/${id}`, { cache: "no-store" });
  if (!response.ok) throw new Error(`Could not load the import (${response.status})`);
  return (await response.json()) as ImportJobView;
}

const STATUS = { uploading: ["Uploading", "neutral"], validating: ["Checking", "blue"], ready: ["Checked", "amber"], importing: ["Importing", "blue"], done: ["Imported", "green"], failed: ["Failed", "red"] } as const;

/** What a screen reader hears once a phase settles: the panel's badge and figures, in a sentence. */
function settledSummary(job: ImportJobView): string {
  if (job.status === "ready") return `Checked ${job.fileName}: ${formatNumber(job.totalRows)} rows, ${formatNumber(job.validRows)} valid, ${formatNumber(job.invalidRows)} rejected.`;
  if (job.status === "done") return `Imported ${job.fileName}: ${formatNumber(job.created)} new, ${formatNumber(job.updated)} updated, ${formatNumber(job.unchanged)} unchanged.`;
  if (job.status === "failed") return `The import of ${job.fileName} stopped.`;
  return "";
}

/** `takeFocus`: the job was just uploaded or picked, so the panel takes the keyboard and scrolls into view. */
export function JobPanel({ initial, takeFocus = false }: { initial: ImportJobView; takeFocus?: boolean }) {
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!takeFocus) return;
    panel.current?.focus({ preventScroll: true });
    panel.current?.scrollIntoView({ block: "start", behavior: "smooth" });
  }, [takeFocus]);
  const queryClient = useQueryClient();
  const { data: job = initial, error } = useQuery({
    queryKey: importQueryKey(initial.id),
    queryFn: () => fetchJob(initial.id),
    initialData: initial,
    // Poll while work runs in the background; stop once it is settled.
    refetchInterval: (query) => {
      const current = query.state.data;
      return current && (current.status === "validating" || current.status === "importing") && !current.interrupted ? 1000 : false;
    },
  });
  const [state, action, pending] = useActionState(startImportAction, IDLE);
  useEffect(() => {
    if (state.status === "success") void queryClient.invalidateQueries({ queryKey: importQueryKey(initial.id) });
  }, [state, queryClient, initial.id]);

  const [label, tone] = STATUS[job.status];
  const running = job.status === "validating" || job.status === "importing";
  return (
    <div ref={panel} tabIndex={-1} role="region" aria-label={`Import of ${job.fileName}`} className="scroll-mt-20 space-y-5 focus:outline-none" data-testid="import-job">
      <p role="status" className="sr-only">
        {settledSummary(job)}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={job.interrupted ? "red" : tone}>{job.interrupted ? "Interrupted" : label}</Badge>
        <span className="min-w-0 font-medium break-all text-stone-900">{job.fileName}</span>
        <span className="text-sm text-stone-500">
          {job.kind} · {formatNumber(Math.round(job.fileBytes / 1024))} KB{job.createdBy ? ` · by ${job.createdBy}` : ""}
        </span>
      </div>
      {error ? <p className="text-sm text-red-700">{error.message}</p> : null}
      {running ? <ProgressBar percent={job.percent} label={job.status === "validating" ? "Checking rows" : `Imported ${formatNumber(job.importedRows)} of ${formatNumber(job.validRows)}`} /> : null}
      {job.error ? <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">{job.error}</p> : null}

      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        <Stat label="Rows" value={job.totalRows} />
        <Stat label="Valid" value={job.validRows} />
        <Stat label="Rejected" value={job.invalidRows} />
        {job.status === "importing" || job.status === "done" ? <Stat label="New / updated / unchanged" value={`${formatNumber(job.created)} / ${formatNumber(job.updated)} / ${formatNumber(job.unchanged)}`} /> : null}
      </dl>

      {job.status !== "validating" && job.invalidRows > 0 ? (
        <a href={`/api/imports/${job.id}/rejected`} className="inline-block text-sm font-medium text-ember-700 underline">
          Download the {formatNumber(job.invalidRows)} rejected rows with reasons
        </a>
      ) : null}

      {(job.status === "ready" && job.validRows > 0) || job.interrupted || (job.status === "failed" && job.validRows > 0) ? (
        <form action={action} className="space-y-3">
          <FormAlert state={state} />
          <input type="hidden" name="jobId" value={job.id} />
          <Button type="submit" disabled={pending}>
            {job.interrupted ? "Resume" : job.status === "failed" ? "Try again" : `Import ${formatNumber(job.validRows)} valid row${job.validRows === 1 ? "" : "s"}`}
          </Button>
        </form>
      ) : null}

      {job.errorSample.length ? (
        <section>
          <h3 className="mb-2 text-sm font-semibold text-stone-900">Rows with problems{job.invalidRows > job.errorSample.length ? ` (first ${job.errorSample.length})` : ""}</h3>
          <ul className="max-h-72 space-y-1 overflow-y-auto rounded-lg break-words bg-stone-50 p-3 text-xs ring-1 ring-stone-200" data-testid="import-errors">
            {job.errorSample.map((e) => (
              <li key={e.row}>
                <span className="font-medium text-stone-900">Row {e.row}:</span>{" "}
                {e.errors.map((f) => (
                  <span key={f.field + f.message} className="mr-2 text-stone-700">
                    <code className="font-mono text-red-800">{f.field}</code> {f.message}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {job.previewRows.length ? (
        <section>
          <h3 className="mb-2 text-sm font-semibold text-stone-900">First rows</h3>
          <div className="overflow-x-auto rounded-lg ring-1 ring-stone-200">
            <table className="min-w-full text-left text-xs">
              <thead className="bg-stone-50 text-stone-600">
                <tr>
                  {job.columns.map((c) => (
                    <th key={c} className="px-2 py-1.5 font-medium whitespace-nowrap">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {job.previewRows.map((row, i) => (
                  <tr key={i}>
                    {job.columns.map((c) => (
                      <td key={c} className="max-w-48 truncate px-2 py-1.5 whitespace-nowrap text-stone-800">
                        {row[c] ?? ""}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}

function Stat({ label, value }: { label: string; value: number | string }) {
  return (
    <div className="rounded-lg bg-stone-50 px-3 py-2 ring-1 ring-stone-200">
      <dt className="text-xs text-stone-500">{label}</dt>
      <dd className="font-semibold text-stone-900">{typeof value === "number" ? formatNumber(value) : value}</dd>
    </div>
  );
}
