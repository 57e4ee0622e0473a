import postgres, { type TransactionSql } from "postgres";
import {
  createDemoContext,
  DEFAULT_CLIENT_COUNT,
  generateDemoClientChunks,
  type Archetype,
  type DemoClient,
} from "@/lib/domain/demo";
import { dropAllRunSnapshots } from "@/lib/server/engagement/run-snapshots";
import { createDemoUsers } from "./demo-users";
import { loadClientsAndOrders } from "./load-clients-and-orders";
import { suspendIndexesAndKeys } from "./suspend-indexes";

export const DEFAULT_SEED = 1;
const SEEDED_TABLES = ["users", "clients", "orders"] as const;

export type SeedPhase = "loading" | "indexing" | "analyzing";
export type SeedProgress = { phase: SeedPhase; clientsDone: number; clientsTotal: number; ordersDone: number; elapsedMs: number };

type SeedDemoDataOptions = {
  url: string;
  clients?: number;
  seed?: number;
  /** The data set's "now"; defaults to the current time. Pass a fixed date for byte-identical reruns. */
  asOf?: Date;
  /** Truncate users, clients and orders (cascading) first. Without it a non-empty database is refused. */
  reset?: boolean;
  stylists?: number;
  onProgress?: (progress: SeedProgress) => void;
};

export type SeedDemoDataResult = {
  users: number;
  clients: number;
  orders: number;
  archetypes: Record<Archetype, number>;
  seed: number;
  asOf: Date;
  elapsedMs: number;
};

export class DatabaseNotEmptyError extends Error {
  constructor(tables: string[]) {
    super(`The database already has rows in ${tables.join(", ")}. Pass --reset (reset: true) to replace them.`);
    this.name = "DatabaseNotEmptyError";
  }
}

/** True when users, clients and orders are all empty, i.e. when the dev start-up may seed. */
export async function isDatabaseEmpty(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return (await nonEmptyTables(sql)).length === 0;
  } finally {
    await sql.end();
  }
}

async function nonEmptyTables(sql: postgres.Sql | TransactionSql): Promise<string[]> {
  const [row] = await sql<{ users: boolean; clients: boolean; orders: boolean }[]>`
    select exists(select 1 from users) as users, exists(select 1 from clients) as clients, exists(select 1 from orders) as orders`;
  return SEEDED_TABLES.filter((table) => row?.[table]);
}

/**
 * Fills an empty database with deterministic demo data (see lib/domain/demo) using COPY, in one transaction:
 * either the whole data set appears or nothing changes.
 */
export async function seedDemoData(options: SeedDemoDataOptions): Promise<SeedDemoDataResult> {
  const started = performance.now();
  const seed = options.seed ?? DEFAULT_SEED;
  const asOf = options.asOf ?? new Date();
  const clientsTotal = options.clients ?? DEFAULT_CLIENT_COUNT;
  const context = createDemoContext({ seed, asOf, stylists: options.stylists });
  const archetypes: Record<Archetype, number> = { steady: 0, slowing: 0, lapsed: 0, new: 0, erratic: 0 };
  let clientsDone = 0;
  let ordersDone = 0;
  const report = (phase: SeedPhase) =>
    options.onProgress?.({ phase, clientsDone, clientsTotal, ordersDone, elapsedMs: performance.now() - started });

  const sql = postgres(options.url, { max: 1, onnotice: () => {} });
  try {
    await sql.begin(async (tx) => {
      // Index builds sort in memory; this only lasts for the transaction.
      await tx`set local maintenance_work_mem = '1GB'`;
      if (options.reset) {
        // model_fits too: a run within the week would otherwise reuse the old shop's model (see mayReuseModelFit).
        await tx`truncate users, clients, orders, engagement_snapshots, model_fits cascade`;
        // Full runs' partitions would stay behind, empty, with their runs gone.
        await dropAllRunSnapshots(tx);
      } else {
        const nonEmpty = await nonEmptyTables(tx);
        if (nonEmpty.length > 0) throw new DatabaseNotEmptyError(nonEmpty);
      }
      const restoreIndexesAndKeys = await suspendIndexesAndKeys(tx, ["clients", "orders"]);
      await createDemoUsers(tx, context.staff);

      const chunks = generateDemoClientChunks({ seed, asOf, clients: clientsTotal, stylists: options.stylists });
      const countChunk = (chunk: DemoClient[]) => {
        for (const client of chunk) {
          archetypes[client.archetype]++;
          ordersDone += client.orders.length;
        }
        clientsDone += chunk.length;
      };
      await loadClientsAndOrders(tx, chunks, countChunk, () => report("loading"));

      report("indexing");
      await restoreIndexesAndKeys();
    });
    report("analyzing");
    await sql`analyze users, clients, orders`;
    return {
      users: context.staff.length,
      clients: clientsDone,
      orders: ordersDone,
      archetypes,
      seed,
      asOf,
      elapsedMs: performance.now() - started,
    };
  } finally {
    await sql.end();
  }
}
