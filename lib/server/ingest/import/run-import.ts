import "server-only";
import type { Actor } from "@/lib/domain/access/policy";
import { consentAuditEntry } from "@/lib/domain/audit/consent";
import { eq, sql } from "drizzle-orm";
import type { IngestClientProfile, IngestOrder, ItemOutcome } from "@/lib/domain/ingest/ingest-types";
import { countOutcomes } from "@/lib/domain/ingest/ingest-types";
import { writeAudits } from "@/lib/server/audit";
import { db, type Executor } from "@/lib/server/db/client";
import { importJobs } from "@/lib/server/db/schema";
import { withIngestRetry } from "@/lib/server/ingest/retry";
import { runViaDrizzle } from "@/lib/server/db/run-sql";
import { storeClientProfiles } from "@/lib/server/ingest/store-client-profiles";
import { storeOrderSets } from "@/lib/server/ingest/store-orders";
import { readCsv } from "./csv-reader";
import { chunkFailureMessage, ImportFailure } from "./import-failure";
import { readImportFile } from "./import-files";
import { checkRow } from "./validate-import";

const IMPORT_CHUNK_ROWS = 1_000;

/** Beyond this many clients at once, one full rescoring beats rescoring each. */
export const BULK_RESCORE_THRESHOLD = 2_000;

/** The valid rows of one transaction, with the file rows they span (for a failure message). */
type Chunk = { orders: { source: string; order: IngestOrder }[]; profiles: IngestClientProfile[]; firstRow: number; lastRow: number };
export type StoredImport = { kind: (typeof importJobs.$inferSelect)["kind"]; changedClientIds: string[] };

const emptyChunk = (): Chunk => ({ orders: [], profiles: [], firstRow: 0, lastRow: 0 });

async function storeChunk(tx: Executor, actor: Actor, jobId: string, chunk: Chunk) {
  const run = runViaDrizzle(tx);
  const bySource = new Map<string, IngestOrder[]>();
  for (const { source, order } of chunk.orders) {
    const list = bySource.get(source);
    if (list) list.push(order);
    else bySource.set(source, [order]);
  }
  const outcomes: ItemOutcome[] = [];
  const changed = new Set<string>();
  if (bySource.size) {
    const stored = await storeOrderSets(run, [...bySource].map(([source, orders]) => ({ source, orders })));
    outcomes.push(...stored.outcomes.flat());
    stored.changedClientIds.forEach((id) => changed.add(id));
  }
  if (chunk.profiles.length) {
    const stored = await storeClientProfiles(run, chunk.profiles);
    outcomes.push(...stored.outcomes);
    stored.changedClientIds.forEach((id) => changed.add(id));
    // Consent given or withdrawn by the file: recorded per client, with the import it came from.
    await writeAudits(tx, stored.consentChanges.map((change) => ({ actor, ...consentAuditEntry(change, { importJobId: jobId }) })));
  }
  return { counts: countOutcomes(outcomes), changedClientIds: [...changed] };
}

/**
 * The second pass: stores the valid rows through the same upserts as the webhooks, a chunk per
 * transaction, recording progress in that same transaction. A resumed job skips the valid rows
 * already committed, so an interrupted import picks up where it stopped and counts nothing twice.
 * A chunk that cannot be stored stops the import with a message naming its rows: none of them were
 * stored, the chunks before it were, and starting the job again continues from that chunk. Answers the clients
 * this attempt changed (up to one past BULK_RESCORE_THRESHOLD): the caller finishes the job with their follow-ups.
 */
export async function importValidRows(jobId: string, actor: Actor): Promise<StoredImport> {
  const [job] = await db.select().from(importJobs).where(eq(importJobs.id, jobId));
  if (!job) throw new Error(`Import ${jobId} not found`);
  const alreadyStored = job.importedRows;
  let seen = 0;
  let chunk = emptyChunk();
  let importedRows = alreadyStored;
  // Follow-ups run once, after the last chunk (see processImport): a large import asks for one full rescoring.
  const changed = new Set<string>();

  const flush = async () => {
    const rows = chunk.orders.length + chunk.profiles.length;
    if (rows === 0) return;
    const current = chunk;
    chunk = emptyChunk();
    const { changedClientIds } = await withIngestRetry(() =>
      db.transaction(async (tx) => {
        const stored = await storeChunk(tx, actor, jobId, current);
        await tx
          .update(importJobs)
          .set({
            importedRows: sql`${importJobs.importedRows} + ${rows}`,
            created: sql`${importJobs.created} + ${stored.counts.created}`,
            updated: sql`${importJobs.updated} + ${stored.counts.updated}`,
            unchanged: sql`${importJobs.unchanged} + ${stored.counts.unchanged}`,
            heartbeatAt: new Date(),
          })
          .where(eq(importJobs.id, jobId));
        return stored;
      }),
    ).catch((error: unknown) => {
      console.error(`Import ${jobId}: rows ${current.firstRow}-${current.lastRow} could not be stored`, error);
      throw new ImportFailure(chunkFailureMessage(current.firstRow, current.lastRow, importedRows));
    });
    importedRows += rows;
    for (const id of changedClientIds) if (changed.size <= BULK_RESCORE_THRESHOLD) changed.add(id);
  };

  for await (const item of readCsv(readImportFile(jobId, "upload")).items) {
    if (item.kind !== "row") continue;
    const result = checkRow(job, item.row);
    if (!result.ok) continue;
    if (++seen <= alreadyStored) continue;
    if (!chunk.firstRow) chunk.firstRow = item.rowNumber;
    chunk.lastRow = item.rowNumber;
    if ("order" in result) chunk.orders.push({ source: result.source, order: result.order });
    else chunk.profiles.push(result.profile);
    if (chunk.orders.length + chunk.profiles.length >= IMPORT_CHUNK_ROWS) await flush();
  }
  await flush();
  return { kind: job.kind, changedClientIds: [...changed] };
}
