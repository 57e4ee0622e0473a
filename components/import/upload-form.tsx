"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CSV_COLUMNS, type CsvKind } from "@/lib/domain/ingest/csv-columns";
import type { ImportJobView } from "@/lib/server/data/import-jobs";
import { ProgressBar } from "./progress-bar";

/** Sends the file as the request body with XHR, the one browser API that reports upload progress. */
function upload(kind: CsvKind, file: File, onProgress: (percent: number) => void): Promise<ImportJobView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/imports?kind=${kind}&name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader("Content-Type", "text/csv");
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.floor((e.loaded / e.total) * 100));
    xhr.onload = () => {
      const body = JSON.parse(xhr.responseText || "{}") as ImportJobView & { error?: string };
      if (xhr.status === 201) resolve(body);
      else reject(new Error(body.error ?? `Upload failed (${xhr.status})`));
    };
    xhr.onerror = () => reject(new Error("The upload was interrupted; check the connection and try again."));
    xhr.send(file);
  });
}

export function UploadForm({ onUploaded }: { onUploaded: (job: ImportJobView) => void }) {
  const [kind, setKind] = useState<CsvKind>("orders");
  const [file, setFile] = useState<File | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const columns = CSV_COLUMNS[kind];
  return (
    <form
      className="space-y-4"
      onSubmit={async (e) => {
        e.preventDefault();
        // Kept before the await: React clears the event's currentTarget once the handler yields.
        const form = e.currentTarget;
        if (!file) return setError("Choose a CSV file first.");
        setError(null);
        setPercent(0);
        try {
          onUploaded(await upload(kind, file, setPercent));
          setFile(null);
          form.reset();
        } catch (err) {
          setError(err instanceof Error ? err.message : String(err));
        } finally {
          setPercent(null);
        }
      }}
    >
      <fieldset className="flex gap-4">
        <legend className="mb-2 text-sm font-medium text-stone-800">What the file holds</legend>
        {(["orders", "clients"] as const).map((k) => (
          <label key={k} className="flex items-center gap-2 text-sm text-stone-800">
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} className="size-4 accent-ember-600" />
            {k === "orders" ? "Orders" : "Client profiles"}
          </label>
        ))}
      </fieldset>
      <p className="text-xs text-stone-500">
        Columns: <span className="font-mono">{columns.required.join(", ")}</span>
        {kind === "orders" ? " and value (e.g. 129.50) or value_cents" : ""}; optional: <span className="font-mono">{columns.optional.filter((c) => !["value", "value_cents"].includes(c)).join(", ")}</span>. Dates as 2026-05-01 or
        2026-05-01T10:00:00Z. Rows already imported are matched, not duplicated.
      </p>
      <input
        type="file"
        accept=".csv,text/csv"
        aria-label="CSV file"
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        className="block text-sm text-stone-700 file:mr-3 file:rounded-lg file:border-0 file:bg-stone-100 file:px-3 file:py-2 file:text-sm file:font-medium"
      />
      {percent !== null ? <ProgressBar percent={percent} label="Uploading" /> : null}
      {error ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {error}
        </p>
      ) : null}
      <Button type="submit" disabled={percent !== null}>
        {percent !== null ? "Uploading…" : "Upload and check"}
      </Button>
    </form>
  );
}
