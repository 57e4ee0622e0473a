import type { TransactionSql } from "postgres";

type DdlRow = { step: number; drop_sql: string; restore_sql: string };

/**
 * Drops the indexes, keys and foreign keys of `tables` (and foreign keys pointing at them) and returns a
 * function that recreates them from their exact catalogued definitions.
 *
 * Why: building an index once after the load is several times faster than maintaining a dozen of them
 * (one a trigram GIN) row by row, and skipping a foreign-key lookup per row halves the load again.
 * Both halves run in the caller's transaction, so if anything fails the drops roll back with the load:
 * nothing stays disabled, and recreating the foreign keys re-validates every loaded row.
 */
export async function suspendIndexesAndKeys(tx: TransactionSql, tables: readonly string[]): Promise<() => Promise<void>> {
  const rows = await tx<DdlRow[]>`
    with target as (select unnest(${[...tables]}::text[])::regclass as rel)
    select 1 as step,
           format('alter table %s drop constraint %I', conrelid::regclass, conname) as drop_sql,
           format('alter table %s add constraint %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) as restore_sql
      from pg_constraint
     where contype = 'f' and (conrelid in (select rel from target) or confrelid in (select rel from target))
    union all
    select 2,
           format('alter table %s drop constraint %I', conrelid::regclass, conname),
           format('alter table %s add constraint %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid))
      from pg_constraint
     where contype in ('p', 'u', 'x') and conrelid in (select rel from target)
    union all
    select 3, format('drop index %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
      from pg_index i
     where i.indrelid in (select rel from target)
       and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid and c.conrelid = i.indrelid)
    order by 1, 2`;

  // Foreign keys first (they depend on the keys), then keys, then plain indexes; restore in reverse.
  for (const row of rows) await tx.unsafe(row.drop_sql);
  return async () => {
    for (const row of [...rows].reverse()) await tx.unsafe(row.restore_sql);
  };
}
