import "server-only";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type postgres from "postgres";
import type { Executor } from "@/lib/server/db/client";

type Row = Record<string, unknown>;

/**
 * Runs one SQL statement inside the caller's transaction and resolves with its rows. The statement is
 * sent at once, so statements issued one after another without waiting travel together and run in order.
 */
export type RunSql = <T extends Row = Row>(statement: SQL) => Promise<T[]>;

/** Through Drizzle, for callers inside a Drizzle transaction (the CSV import). */
export function runViaDrizzle(tx: Executor): RunSql {
  // Drizzle types the rows as Assume<T, Row>, which is T for any T that is a Row.
  return <T extends Row>(statement: SQL) => tx.execute<T>(statement).then((rows) => [...rows] as T[]);
}

const dialect = new PgDialect();

/**
 * As named prepared statements of the connection. Drizzle sends every statement unnamed, which postgres.js
 * does in two round trips (it asks Postgres for the parameter types first) and never pipelines, and which
 * Postgres parses and plans each time. A webhook group's dozen statements of fixed text are prepared
 * once per connection instead, and those issued together share one round trip.
 */
function runPrepared(sql: postgres.TransactionSql): RunSql {
  return <T extends Row>(statement: SQL) => {
    const query = dialect.sqlToQuery(statement);
    // The params are the plain values Drizzle bound (text, numbers, JSON text), which postgres.js sends as they are.
    return sql.unsafe<T[]>(query.sql, query.params as postgres.ParameterOrJSON<never>[], { prepare: true }).then((rows) => [...rows]);
  };
}

/** One transaction on the pool with prepared statements (runPrepared), or a nested one through Drizzle when `db` is already a transaction. */
export function transaction<T>(db: Executor, body: (run: RunSql) => Promise<T>): Promise<T> {
  // postgres.js types begin's result as UnwrapPromiseArray<T>, which is T for anything but an array of promises.
  if ("$client" in db) return db.$client.begin((sql) => body(runPrepared(sql))) as Promise<T>;
  return db.transaction((tx) => body(runViaDrizzle(tx)));
}
