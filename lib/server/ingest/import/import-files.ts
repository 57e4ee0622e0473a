import "server-only";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

/** Uploaded files and their rejected rows live on disk next to the app's other data, never in memory. */
export function importDir(): string {
  return path.resolve(env.REKINDLE_DATA_DIR, "imports");
}

export const uploadPath = (jobId: string) => path.join(importDir(), `${jobId}.csv`);
export const rejectedPath = (jobId: string) => path.join(importDir(), `${jobId}.rejected.csv`);

export async function ensureImportDir(): Promise<void> {
  await fs.promises.mkdir(importDir(), { recursive: true });
}
