import "server-only";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/env";
import * as schema from "./schema";
import { connectWithoutDelay } from "./socket";

const MISSING_URL = "DATABASE_URL is not set. Start the app with `npm run dev` or `npm start`, which provide an embedded Postgres, or set DATABASE_URL.";

type PoolOptions = postgres.Options<Record<string, postgres.PostgresType>>;

// postgres.js accepts a `socket` factory that its typings leave out.
/**
 * Every session in UTC, whatever the server's default: date ranges (`assigned_at >= '2026-06-01'::date`) and weeks
 * (`date_trunc('week', …)`) then mean UTC days, as the daily email figures do, on any host.
 */
const SESSION_SETTINGS = { TimeZone: "UTC" };

export function poolOptions() {
  return { max: 10, onnotice: () => {}, socket: connectWithoutDelay, connection: SESSION_SETTINGS } as PoolOptions;
}

function failingOptions() {
  return { onnotice: () => {}, socket: () => Promise.reject(new Error(MISSING_URL)) } as PoolOptions;
}

function connect() {
  // Connections open on first query, so `next build` can import this without a database;
  // without a URL, that first query fails with a message that says what to do.
  const sql = env.DATABASE_URL
    ? postgres(env.DATABASE_URL, poolOptions())
    : postgres(failingOptions());
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
