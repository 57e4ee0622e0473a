import "server-only";
import type { Writable } from "node:stream";
import type { Sql, TransactionSql } from "postgres";
import type { AppEventName } from "@/inngest/events";
import type { RunTierChanges } from "./run-tier-changes";

const LIVE = "client_scores";
const TIER_CHANGED: AppEventName = "rekindle/client.tier-changed";
const NEXT = "client_scores_next";
export const CLIENT_SCORE_COPY_COLUMNS = ["client_id", "score", "tier", "p_alive", "p_order90d", "next_order_expected_at", "scored_at", "value_at_risk_cents"] as const;

/**
 * A fresh, index-less copy of client_scores to load a full rescoring into (see copyIntoNextClientScores): COPY into a
 * bare table and one index build per index cost a fraction of rewriting a million indexed rows in place. A leftover
 * from a run that died half-way is dropped first.
 */
export async function createNextClientScores(tx: TransactionSql): Promise<void> {
  await tx.unsafe(`drop table if exists ${NEXT}`);
  await tx.unsafe(`create table ${NEXT} (like ${LIVE} including defaults)`);
}

/** A binary COPY into the fresh table, one chunk of clients at a time. */
export async function copyIntoNextClientScores(tx: TransactionSql): Promise<Writable> {
  return tx.unsafe(`copy ${NEXT} (${COLUMNS}) from stdin with (format binary)`).writable();
}

/**
 * Refuses a copy whose columns are no longer the live table's: a deploy whose migration changed client_scores while
 * a run was under way (the copy was made in its fit step) would otherwise swap in a table the new code cannot read,
 * and every page reading scores would fail until the next run. The run fails instead; the live scores stay.
 */
export async function assertNextShapedAsLive(sql: Sql | TransactionSql): Promise<void> {
  const shapes = await sql.unsafe<{ live: string | null; next: string | null }[]>(
    `select ${COLUMN_SHAPE.replace("$table", LIVE)} as live, ${COLUMN_SHAPE.replace("$table", NEXT)} as next`,
  );
  const [shape] = shapes;
  if (shape?.next == null) throw new Error(`${NEXT} is missing: this run's scores were dropped before they were published`);
  if (shape.live !== shape.next) {
    throw new Error(`${LIVE} changed while this run was under way (an update of Rekindle changed its columns); its scores were not published, and the next run scores into the new table`);
  }
}

// Each column's name, type and nullability, in name order (a column added later sits last, wherever it is declared).
const COLUMN_SHAPE = `(select string_agg(attname || ' ' || format_type(atttypid, atttypmod) || case when attnotnull then ' not null' else '' end, ', ' order by attname)
  from pg_attribute where attrelid = to_regclass('$table') and attnum > 0 and not attisdropped)`;

type IndexDefinition = { name: string; definition: string };

/** The live table's indexes, to build the same on the copy. */
export async function liveClientScoreIndexes(sql: Sql): Promise<IndexDefinition[]> {
  return sql<IndexDefinition[]>`
    select indexname as name, indexdef as definition from pg_indexes where schemaname = current_schema() and tablename = ${LIVE}`;
}

/**
 * Builds the live table's indexes (see liveClientScoreIndexes) on the loaded copy, named with a `_next` suffix until
 * the swap, and its statistics. Indexes an earlier attempt built are left as they are.
 */
export async function indexNextClientScores(sql: Sql, indexes: IndexDefinition[]): Promise<void> {
  const statements = indexes.map(({ name, definition }) =>
    definition.replace(`INDEX ${name} ON`, `INDEX IF NOT EXISTS ${name}_next ON`).replace(/ ON (\S+\.)?client_scores /, ` ON $1${NEXT} `),
  );
  const builds = await Promise.allSettled(
    statements.map((build) =>
      sql.begin(async (tx) => {
        // All at once, each in one process: as many builds as cores or more keep both busy without parallel
        // helpers, and a million rows sort in memory (the default 64MB spills to disk).
        await tx.unsafe("set local maintenance_work_mem = '256MB'");
        await tx.unsafe("set local max_parallel_maintenance_workers = 0");
        await tx.unsafe(build);
      }),
    ),
  );
  const failure = builds.find((build) => build.status === "rejected");
  if (failure) throw failure.reason;
  const [key] = await sql`select 1 from pg_constraint where conname = ${`${LIVE}_pkey_next`} and conrelid = to_regclass(${NEXT})`;
  if (!key) await sql.unsafe(`alter table ${NEXT} add constraint ${LIVE}_pkey_next primary key using index ${LIVE}_pkey_next`);
  // A new table has no statistics until autovacuum gets to it; without them the planner guesses every tier
  // holds 0.5% of clients and picks exact counts and index walks that a million rows make slow.
  // Its columns hold few distinct values (four tiers, 101 scores): a tenth of the default sample describes them.
  await sql.begin(async (tx) => {
    await tx.unsafe("set local default_statistics_target = 10");
    await tx.unsafe(`analyze ${NEXT}`);
  });
}

/**
 * The oldest transaction running now (as text, a 64-bit transaction id). Whatever older transactions wrote is
 * visible to every read after this, so a live row the run did not read was written by this one or a later one:
 * the swap looks for missing rows among those alone, instead of comparing a million ids (a first run, every row
 * unscored, spent up to a second on that).
 */
export async function readHorizon(sql: Sql): Promise<string> {
  const [row] = await sql<{ horizon: string }[]>`select pg_snapshot_xmin(pg_current_snapshot())::text as horizon`;
  if (!row) throw new Error("no snapshot");
  return row.horizon;
}

/**
 * Puts the loaded copy in place of client_scores in one short transaction, which also records the run's tier
 * changes and runs `alongside`, so they land exactly when the scores do. Readers and writers wait meanwhile.
 * `alongside` runs once client_scores is locked, told whether clients may have been deleted since the run read them.
 * - A tier change the run saw is stored only if the live row still shows the tier it moved from.
 * - Rows written to the live table while the run was loading are carried over, so the swap never loses a newer
 *   score: a client rescored as of a later date, or created since (scored or not).
 * - Clients deleted since are dropped from the copy.
 * `loaded` is how many rows the run copied in: with nothing carried over, that is the copy's size without counting.
 * `readHorizon` is what readHorizon said before the run read its first client.
 * A run as of an earlier date than most live scores (filling in history) swaps nothing: it updates the few live rows
 * older than itself instead of carrying a million newer ones over.
 */
export async function swapInNextClientScores(
  sql: Sql,
  run: { asOf: Date; runId: string; tierChanges: RunTierChanges; loaded: number; readHorizon: string; indexes: IndexDefinition[] },
  alongside?: (tx: TransactionSql, context: { clientsMayBeGone: boolean }) => Promise<void>,
): Promise<void> {
  const asOf = run.asOf.toISOString();
  await sql.begin(async (tx) => {
    // The drop needs this lock anyway; taking it first means no upgrade half-way (readers wait a moment).
    await tx.unsafe(`lock table ${LIVE} in access exclusive mode`);
    // Checked again under the lock, which a migration altering the table also takes.
    await assertNextShapedAsLive(tx);
    await insertTierChanges(tx, run);
    // One pass over the live rows says which of the steps below have anything to do; most runs skip them all.
    const [counts] = await tx.unsafe<{ live: number; later: number; recent: number }[]>(
      `select count(*)::int as live, (count(*) filter (where scored_at > $1::timestamptz))::int as later,
         (count(*) filter (where age(xmin) <= txid_current() - $2::bigint))::int as recent from ${LIVE}`,
      [asOf, run.readHorizon],
    );
    if (!counts) throw new Error(`${LIVE} could not be counted`);
    if (counts.later * 2 > counts.live) {
      await tx.unsafe(
        `update ${LIVE} live set ${assignments("n")} from ${NEXT} n
         where n.client_id = live.client_id and (live.scored_at is null or live.scored_at <= $1::timestamptz)`,
        [asOf],
      );
      await tx.unsafe(`drop table ${NEXT}`);
      // Rare enough (a run filling in history) not to work out whether anyone was deleted.
      await alongside?.(tx, { clientsMayBeGone: true });
      return;
    }
    // A later-dated score replaces the run's.
    if (counts.later > 0) {
      await tx.unsafe(
        `insert into ${NEXT} (${COLUMNS}) select ${COLUMNS} from ${LIVE} where scored_at > $1::timestamptz
         on conflict (client_id) do update set ${assignments("excluded")}`,
        [asOf],
      );
    }
    // A row the run did not read was written after the run began (see readHorizon): only those are looked for.
    let created = 0;
    if (counts.recent > 0) {
      const inserted = await tx.unsafe(
        `insert into ${NEXT} (${COLUMNS}) select ${COLUMNS} from ${LIVE} live
         where age(live.xmin) <= txid_current() - $1::bigint and not exists (select 1 from ${NEXT} n where n.client_id = live.client_id)`,
        [run.readHorizon],
      );
      created = inserted.count;
    }
    // Every live row is now in the copy, so a copy with more rows holds clients deleted meanwhile.
    const next = counts.later > 0 ? await countRows(tx, NEXT) : run.loaded + created;
    const clientsGone = next > counts.live;
    if (clientsGone) {
      await tx.unsafe(`delete from ${NEXT} n where not exists (select 1 from ${LIVE} live where live.client_id = n.client_id)`);
    }
    await tx.unsafe(`drop table ${LIVE}`);
    await tx.unsafe(`alter table ${NEXT} rename to ${LIVE}`);
    for (const { name } of run.indexes) await tx.unsafe(`alter index ${name}_next rename to ${name}`);
    // NOT VALID: every row was just read from clients, so checking a million of them again would only cost time.
    await tx.unsafe(
      `alter table ${LIVE} add constraint client_scores_client_id_clients_id_fk foreign key (client_id) references clients(id) on delete cascade not valid`,
    );
    await alongside?.(tx, { clientsMayBeGone: clientsGone });
  });
}

const COLUMNS = CLIENT_SCORE_COPY_COLUMNS.join(", ");

async function countRows(tx: TransactionSql, table: string): Promise<number> {
  const [row] = await tx.unsafe<{ rows: number }[]>(`select count(*)::int as rows from ${table}`);
  return row?.rows ?? 0;
}
/** `score = source.score, …` for every column but the key. */
const assignments = (source: string) =>
  CLIENT_SCORE_COPY_COLUMNS.filter((c) => c !== "client_id")
    .map((c) => `${c} = ${source}.${c}`)
    .join(", ");

/**
 * Stores the tier changes the run saw, each with its `rekindle/client.tier-changed` event in the outbox (forwarded
 * after commit by the engine's tick or the sweep), so they exist exactly when the scores go live.
 */
async function insertTierChanges(tx: TransactionSql, run: { asOf: Date; runId: string; tierChanges: RunTierChanges }): Promise<void> {
  // A first run, and a quiet night, have none.
  if (run.tierChanges.size === 0) return;
  await tx.unsafe(
    `with stored as (
       insert into tier_changes (client_id, run_id, from_tier, to_tier, score, changed_at)
       select c.client_id, $2::uuid, c.from_tier, c.to_tier, c.score, $1::timestamptz
       from unnest($3::uuid[], $4::engagement_tier[], $5::engagement_tier[], $6::int2[]) as c(client_id, from_tier, to_tier, score)
         join ${LIVE} live on live.client_id = c.client_id join clients on clients.id = c.client_id
       where live.tier = c.from_tier and live.scored_at <= $1::timestamptz
       returning client_id, from_tier, to_tier, score)
     insert into event_outbox (name, data)
     select '${TIER_CHANGED}', jsonb_build_object('clientId', client_id, 'fromTier', from_tier, 'toTier', to_tier, 'score', score, 'enteredAt', $1::timestamptz) from stored`,
    [run.asOf.toISOString(), run.runId, ...run.tierChanges.arrayLiterals()],
  );
}
