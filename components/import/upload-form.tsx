"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CSV_COLUMNS, type CsvKind } from "@/lib/domain/ingest/csv-columns";
import type { ImportJobView } from "@/lib/server/data/import-jobs";
import { ProgressBar } from "./progress-bar";

/** Sends one request with XHR, the one browser API that reports upload progress; answers the JSON body. */
function send<T>(method: string, url: string, body: Blob | null, onProgress: (loaded: number) => void, ok: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    if (body) xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      let parsed: T & { error?: string };
      try {
        parsed = JSON.parse(xhr.responseText || "{}") as T & { error?: string };
      } catch {
        return reject(new RetryableError(`The server answered ${xhr.status}`));
      }
      if (xhr.status === ok) resolve(parsed);
      else if (xhr.status >= 500 || xhr.status === 429) reject(new RetryableError(parsed.error ?? `The server answered ${xhr.status}`));
      else reject(new Error(parsed.error ?? `Upload failed (${xhr.status})`));
    };
    xhr.onerror = () => reject(new RetryableError("The upload was interrupted; check the connection and try again."));
    xhr.send(body);
  });
}

class RetryableError extends Error {}
const ATTEMPTS = 3;

/** A request tried again after a dropped connection or a server fault (a part sent twice is stored once). */
async function withRetries<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof RetryableError) || i >= ATTEMPTS) throw error;
      await new Promise((r) => setTimeout(r, 500 * 2 ** i));
    }
  }
}

/**
 * Sends the file in parts of a few MiB, so no request is larger than a serverless host accepts (Vercel: 4.5 MB):
 * open the upload, send each part (retrying one that fails), then finish, which starts checking the rows.
 */
async function upload(kind: CsvKind, file: File, onProgress: (percent: number) => void): Promise<ImportJobView> {
  const query = new URLSearchParams({ kind, name: file.name, bytes: String(file.size) });
  const opened = await withRetries(() => send<{ jobId: string; partBytes: number; parts: number }>("POST", `/api/imports/uploads?${query}`, null, () => {}, 201));
  let done = 0;
  for (let part = 0; part < opened.parts; part++) {
    const blob = file.slice(part * opened.partBytes, Math.min(file.size, (part + 1) * opened.partBytes));
    await withRetries(() => send("PUT", `/api/imports/${opened.jobId}/parts/${part}`, blob, (loaded) => onProgress(Math.floor(((done + loaded) / file.size) * 100)), 200));
    done += blob.size;
    // A small part may finish before the browser reports any progress on it.
    onProgress(Math.floor((done / file.size) * 100));
  }
  return withRetries(() => send<ImportJobView>("POST", `/api/imports/${opened.jobId}/finish`, null, () => {}, 200));
}

/**
 * Without JavaScript the form posts the file in one request to /api/imports/form (files up to 4 MiB); with it,
 * the file goes up in parts with a progress bar.
 */
export function UploadForm({ onUploaded, initialError }: { onUploaded: (job: ImportJobView) => void; initialError?: string | null }) {
  const [kind, setKind] = useState<CsvKind>("orders");
  const [file, setFile] = useState<File | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(initialError ?? null);
  const columns = CSV_COLUMNS[kind];
  return (
    <form
      method="post"
      action="/api/imports/form"
      encType="multipart/form-data"
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
        name="file"
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
