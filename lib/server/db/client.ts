import "server-only";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env, requireDatabaseUrl } from "@/lib/env";
import * as schema from "./schema";

function connect() {
  const sql = postgres(requireDatabaseUrl(), { max: 10, onnotice: () => {} });
  return drizzle({ client: sql, schema, casing: "snake_case", logger: env.LOG_QUERIES });
}

export type Database = ReturnType<typeof connect>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Either the pool or an open transaction: services accept both so they compose. */
export type Executor = Database | Transaction;

// One pool per process, kept across dev hot reloads.
const globalForDb = globalThis as unknown as { rekindleDb?: Database };
export const db: Database = globalForDb.rekindleDb ?? connect();
if (env.NODE_ENV !== "production") globalForDb.rekindleDb = db;
