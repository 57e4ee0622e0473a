import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pgTable, uuid } from "drizzle-orm/pg-core";
import { generateDrizzleJson, generateMigration } from "drizzle-kit/api";
import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { catalogDiff, catalogLines } from "@/test/schema-catalog";
import { MIGRATIONS_FOLDER } from "./migrate";
import * as schema from "./schema";
import { BEYOND_DRIZZLE } from "./schema/beyond-drizzle";

// The file's own database was built by the migrations (see test/database-per-file.ts). Beside it, a database built
// from the Drizzle schema alone, with the SQL drizzle-kit generates for it: the two must differ only by BEYOND_DRIZZLE.
const serverUrl = inject("databaseServerUrl");
const migrated = postgres(process.env.DATABASE_URL ?? "", { max: 1, onnotice: () => {} });
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
const created: string[] = [];
const pools: postgres.Sql[] = [migrated, admin];

afterAll(async () => {
  for (const pool of pools.slice(2)) await pool.end();
  for (const name of created) await admin.unsafe(`drop database if exists ${name} with (force)`);
  await migrated.end();
  await admin.end();
});

const json = (imports: Record<string, unknown>) => generateDrizzleJson(imports, undefined, undefined, "snake_case");

/** A fresh database holding what `imports` declares, and nothing else. */
async function declaredDatabase(imports: Record<string, unknown>): Promise<postgres.Sql> {
  const name = `declared_${randomBytes(6).toString("hex")}`;
  await admin.unsafe(`create database ${name}`);
  created.push(name);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  pools.push(sql);
  // Extensions are not part of a Drizzle schema either; 0000 creates this one.
  await sql.unsafe("create extension if not exists pg_trgm");
  for (const statement of await generateMigration(json({}), json(imports))) {
    for (const part of statement.split("--> statement-breakpoint")) if (part.trim()) await sql.unsafe(part);
  }
  return sql;
}

const onlyInMigrations = BEYOND_DRIZZLE.flatMap((extra) => extra.migrated).sort();
const onlyInSchema = BEYOND_DRIZZLE.flatMap((extra) => extra.declared ?? []).sort();

describe("the Drizzle schema describes the migrated database", () => {
  it("matches it, but for what only SQL can say (lib/server/db/schema/beyond-drizzle.ts)", async () => {
    const diff = catalogDiff(await catalogLines(migrated), await catalogLines(await declaredDatabase(schema)));
    expect(diff).toEqual({ onlyInMigrations, onlyInSchema });
  });

  it("catches a migration that changes what the schema does not say, and a schema change with no migration", async () => {
    const declared = await catalogLines(await declaredDatabase({ ...schema, driftProbe: pgTable("drift_probe", { id: uuid() }) }));
    await migrated
      .begin(async (tx) => {
        await tx.unsafe("alter table clients add column drift_note text");
        await tx.unsafe("drop index clients_name_idx");
        const diff = catalogDiff(await catalogLines(tx), declared);
        expect(diff.onlyInMigrations).toEqual([...onlyInMigrations, "column clients.drift_note text"].sort());
        expect(diff.onlyInSchema).toEqual(
          [...onlyInSchema, "column drift_probe.id uuid", "index clients.clients_name_idx USING btree (name, id)", "table drift_probe"].sort(),
        );
        throw new RolledBack();
      })
      .catch((error) => {
        if (!(error instanceof RolledBack)) throw error;
      });
  });

  it("leaves drizzle-kit nothing to generate: the last migration's snapshot is the schema", async () => {
    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as { entries: { idx: number }[] };
    const last = Math.max(...journal.entries.map((e) => e.idx));
    const snapshot = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta", `${String(last).padStart(4, "0")}_snapshot.json`), "utf8"));
    expect(await generateMigration(snapshot, json(schema))).toEqual([]);
  });
});

class RolledBack extends Error {}
