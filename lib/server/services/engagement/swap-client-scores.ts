import "server-only";
import type { Sql } from "postgres";

const LIVE = "client_scores";
const NEXT = "client_scores_next";
export const CLIENT_SCORE_COPY_COLUMNS = ["client_id", "score", "tier", "p_alive", "expected_orders90d", "next_order_expected_at", "scored_at"] as const;

/**
 * A fresh, index-less copy of client_scores to load a full rescoring into: COPY into a bare table and one sorted
 * index build per index cost a fraction of rewriting a million indexed rows in place. A leftover from a run that
 * died half-way is dropped first.
 */
export async function createNextClientScores(sql: Sql): Promise<void> {
  await sql.unsafe(`drop table if exists ${NEXT}`);
  await sql.unsafe(`create table ${NEXT} (like ${LIVE} including defaults)`);
}

/** Builds the live table's indexes on the loaded copy (named with a `_next` suffix until the swap), two at a time, and its statistics. */
export async function indexNextClientScores(sql: Sql): Promise<void> {
  const indexes = await sql<{ name: string; definition: string }[]>`
    select indexname as name, indexdef as definition from pg_indexes where schemaname = current_schema() and tablename = ${LIVE}`;
  const statements = indexes.map(({ name, definition }) =>
    definition.replace(`INDEX ${name} ON`, `INDEX ${name}_next ON`).replace(/ ON (\S+\.)?client_scores /, ` ON $1${NEXT} `),
  );
  const queue = [...statements];
  await Promise.all(
    [0, 1].map(async () => {
      for (let statement = queue.shift(); statement; statement = queue.shift()) await sql.unsafe(statement);
    }),
  );
  await sql.unsafe(`alter table ${NEXT} add constraint ${LIVE}_pkey_next primary key using index ${LIVE}_pkey_next`);
  // A new table has no statistics until autovacuum gets to it; without them the planner guesses every tier
  // holds 0.5% of clients and picks exact counts and index walks that a million rows make slow.
  await sql.unsafe(`analyze ${NEXT}`);
}

/**
 * Puts the loaded copy in place of client_scores in one short transaction. Readers and writers wait meanwhile; rows written to
 * the live table while the run was loading (a client rescored after an order with a later as-of date, or created
 * since) are carried over, so the swap never loses a newer score.
 */
export async function swapInNextClientScores(sql: Sql, asOf: Date): Promise<void> {
  const columns = CLIENT_SCORE_COPY_COLUMNS.join(", ");
  const updates = CLIENT_SCORE_COPY_COLUMNS.filter((c) => c !== "client_id")
    .map((c) => `${c} = excluded.${c}`)
    .join(", ");
  const indexes = await sql<{ name: string }[]>`select indexname as name from pg_indexes where schemaname = current_schema() and tablename = ${NEXT}`;
  await sql.begin(async (tx) => {
    // The drop needs this lock anyway; taking it first means no upgrade half-way (readers wait a moment).
    await tx.unsafe(`lock table ${LIVE} in access exclusive mode`);
    await tx.unsafe(
      `insert into ${NEXT} (${columns})
       select ${columns} from ${LIVE} live
       where live.scored_at > $1::timestamptz or not exists (select 1 from ${NEXT} n where n.client_id = live.client_id)
       on conflict (client_id) do update set ${updates}`,
      [asOf.toISOString()],
    );
    await tx.unsafe(`drop table ${LIVE}`);
    await tx.unsafe(`alter table ${NEXT} rename to ${LIVE}`);
    for (const { name } of indexes) await tx.unsafe(`alter index ${name} rename to ${name.replace(/_next$/, "")}`);
    // NOT VALID: every row was just read from clients, so checking a million of them again would only cost time.
    await tx.unsafe(
      `alter table ${LIVE} add constraint client_scores_client_id_clients_id_fk foreign key (client_id) references clients(id) on delete cascade not valid`,
    );
  });
}
