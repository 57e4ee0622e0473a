import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeEach, inject } from "vitest";
import { dropAllRunSnapshots } from "@/lib/server/engagement/run-snapshots";

// Each test file gets its own database cloned from the migrated template, so files never see each
// other's rows; every test starts from empty tables.
const serverUrl = inject("databaseServerUrl");
const name = `test_${randomBytes(6).toString("hex")}`;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name} template rekindle_test_template`);
await admin.end();
const url = new URL(serverUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();

const cleaner = postgres(url.toString(), { max: 1, onnotice: () => {} });
const tables = (await cleaner<{ name: string }[]>`select quote_ident(tablename) as name from pg_tables where schemaname = 'public'`).map((t) => t.name);

beforeEach(async () => {
  if (tables.length) await cleaner.unsafe(`truncate ${tables.join(", ")} restart identity cascade`);
  // Full runs add a partition of engagement_snapshots each.
  await dropAllRunSnapshots(cleaner);
});

afterAll(async () => {
  await cleaner.end();
});
