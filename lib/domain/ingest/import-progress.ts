/** How long a running import may go without a heartbeat before it is shown as interrupted (the server restarted). */
const IMPORT_STALE_MS = 60_000;

type JobLike = {
  status: "uploading" | "validating" | "ready" | "importing" | "done" | "failed";
  fileBytes: number;
  bytesValidated: number;
  validRows: number;
  importedRows: number;
  heartbeatAt: Date;
};

export function isInterrupted(job: JobLike, now: Date): boolean {
  return (job.status === "validating" || job.status === "importing") && now.getTime() - job.heartbeatAt.getTime() > IMPORT_STALE_MS;
}

/** 0-100 for the phase the job is in: checking the file (by bytes read) or importing (by valid rows stored). */
export function progressPercent(job: JobLike): number {
  const ratio =
    job.status === "validating" ? (job.fileBytes ? job.bytesValidated / job.fileBytes : 0) : job.status === "importing" ? (job.validRows ? job.importedRows / job.validRows : 0) : 1;
  return Math.max(0, Math.min(100, Math.floor(ratio * 100)));
}
