import type postgres from "postgres";

/**
 * The public schema as Postgres itself prints it, one line per fact: enums, tables (and how they are partitioned),
 * columns, constraints, indexes, triggers and functions. Two databases built different ways (by the migrations, from
 * the Drizzle schema) compare line by line, in Postgres' own spelling, so formatting never shows up as drift.
 * Partitions are described by their bound and their own indexes; what they inherit from the parent is left out.
 */
export async function catalogLines(sql: postgres.Sql | postgres.TransactionSql): Promise<string[]> {
  const rows = await sql<{ line: string }[]>`
    with rels as (
      select c.oid, c.relname, c.relkind, c.relispartition from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p')
    ),
    own_funcs as (
      select p.oid, p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
    )
    select 'extension ' || e.extname as line from pg_extension e where e.extname <> 'plpgsql'
    union all
    select 'enum ' || t.typname || ' (' || string_agg(e.enumlabel, ', ' order by e.enumsortorder) || ')'
      from pg_type t join pg_enum e on e.enumtypid = t.oid join pg_namespace n on n.oid = t.typnamespace
      where n.nspname = 'public' group by t.typname
    union all
    select 'table ' || r.relname || case when r.relkind = 'p' then ' partitioned by ' || pg_get_partkeydef(r.oid) else '' end
      || case when r.relispartition then ' partition of ' || parent.relname || ' ' || pg_get_expr(c.relpartbound, c.oid) else '' end
      from rels r join pg_class c on c.oid = r.oid
      left join pg_inherits i on i.inhrelid = r.oid left join pg_class parent on parent.oid = i.inhparent
    union all
    select 'column ' || r.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
      || case when a.attnotnull then ' not null' else '' end
      || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
      || case when a.attidentity::text <> '' then ' identity ' || a.attidentity::text else '' end
      || case when a.attgenerated::text <> '' then ' generated' else '' end
      from rels r join pg_attribute a on a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped
      left join pg_attrdef d on d.adrelid = r.oid and d.adnum = a.attnum
      where not r.relispartition
    union all
    select 'constraint ' || r.relname || '.' || con.conname || ' ' || pg_get_constraintdef(con.oid)
      from rels r join pg_constraint con on con.conrelid = r.oid
      where not r.relispartition and con.contype <> 'n'
    union all
    select 'index ' || r.relname || '.' || ic.relname || ' ' || regexp_replace(pg_get_indexdef(ic.oid), '^.* USING ', 'USING ')
      from rels r join pg_index x on x.indrelid = r.oid join pg_class ic on ic.oid = x.indexrelid
      where not exists (select 1 from pg_inherits i where i.inhrelid = ic.oid)
        and not exists (select 1 from pg_constraint con where con.conindid = ic.oid and con.conrelid = r.oid)
    union all
    select 'trigger ' || r.relname || '.' || t.tgname || ' ' || regexp_replace(pg_get_triggerdef(t.oid), '^CREATE TRIGGER \\S+ ', '')
      from rels r join pg_trigger t on t.tgrelid = r.oid where not t.tgisinternal
    union all
    select 'function ' || f.proname || '(' || pg_get_function_identity_arguments(f.oid) || ')' from own_funcs f
  `;
  return rows.map((r) => r.line).sort();
}

/** Lines only one side has. */
export function catalogDiff(migrated: readonly string[], declared: readonly string[]) {
  const inMigrated = new Set(migrated);
  const inDeclared = new Set(declared);
  return {
    onlyInMigrations: migrated.filter((line) => !inDeclared.has(line)),
    onlyInSchema: declared.filter((line) => !inMigrated.has(line)),
  };
}
