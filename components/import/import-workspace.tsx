"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import type { ImportJobView } from "@/lib/server/data/import-jobs";
import { JobPanel } from "./job-panel";
import { UploadForm } from "./upload-form";


export function ImportWorkspace({ recent, selectedJob, uploadError }: { recent: ImportJobView[]; selectedJob: string | null; uploadError: string | null }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } }));
  const [jobs, setJobs] = useState(recent);
  const [selected, setSelected] = useState<string | null>(recent.find((j) => j.id === selectedJob)?.id ?? recent[0]?.id ?? null);
  // A file just uploaded (or picked from the list): its panel takes the keyboard, and on a phone comes into view.
  const [focusPanel, setFocusPanel] = useState(false);
  const job = jobs.find((j) => j.id === selected);
  return (
    <QueryClientProvider client={queryClient}>
      {/* minmax(0, …) and min-w-0 let the results card shrink to the window; its wide preview table scrolls inside it. */}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
        <div className="space-y-6">
          <Card>
            <CardHeader title="Upload a CSV" description="Checked first; nothing is stored until you import the valid rows." />
            <div className="p-5">
              <UploadForm
                initialError={uploadError}
                onUploaded={(created) => {
                  setJobs((all) => [created, ...all]);
                  setSelected(created.id);
                  setFocusPanel(true);
                }}
              />
            </div>
          </Card>
          {jobs.length ? (
            <Card>
              <CardHeader title="Recent imports" />
              <ul className="divide-y divide-stone-100">
                {jobs.map((j) => (
                  <li key={j.id}>
                    <button type="button" onClick={() => { setSelected(j.id); setFocusPanel(true); }} aria-current={j.id === selected ? "true" : undefined} className="block w-full px-5 py-2.5 text-left text-sm hover:bg-stone-50 aria-[current=true]:bg-ember-50">
                      <span className="block truncate font-medium text-stone-900">{j.fileName}</span>
                      <span className="text-xs text-stone-500">
                        {j.kind} · <LocalTime value={j.createdAt} />
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </div>
        <Card className="min-w-0 p-5">{job ? <JobPanel key={job.id} initial={job} takeFocus={focusPanel} /> : <p className="text-sm text-stone-500">Upload a file to see its rows checked here.</p>}</Card>
      </div>
    </QueryClientProvider>
  );
}
