import { ARCHETYPES } from "@/lib/domain/demo";
import { DEFAULT_DATA_DIR, parseSeedArgs, SEED_USAGE, SeedArgsError } from "./seed/seed-args";
import { DatabaseNotEmptyError, seedDemoData, type SeedProgress } from "./seed/seed-demo-data";
import { openSeedTarget } from "./seed/seed-target";

/** `npm run db:seed -- --clients N [--reset] [--seed S]`: fills the database with deterministic demo data. */

const number = (n: number) => Math.round(n).toLocaleString("en-US");
const PROGRESS_EVERY_MS = 3000;
let lastPrintedAt = -Infinity;

function printProgress(p: SeedProgress) {
  const seconds = p.elapsedMs / 1000;
  if (p.phase === "loading") {
    // Batches finish several times a second on big runs; a line every few seconds is enough to watch.
    if (p.clientsDone < p.clientsTotal && p.elapsedMs - lastPrintedAt < PROGRESS_EVERY_MS) return;
    lastPrintedAt = p.elapsedMs;
    const rows = p.clientsDone + p.ordersDone;
    console.log(`  ${number(p.clientsDone)} / ${number(p.clientsTotal)} clients, ${number(p.ordersDone)} orders, ${number(rows / seconds)} rows/s`);
  } else {
    console.log(`  ${p.phase === "indexing" ? "rebuilding indexes and keys" : "analyzing"} (${seconds.toFixed(1)}s)`);
  }
}

// PostgreSQL's "undefined_table": DATABASE_URL points at a database that has not been migrated.
const isUndefinedTable = (error: unknown): error is Error => error instanceof Error && "code" in error && error.code === "42P01";

async function main() {
  const args = parseSeedArgs(process.argv.slice(2));
  if (args === "help") {
    console.log(SEED_USAGE);
    return;
  }
  const target = await openSeedTarget(args.dataDir, DEFAULT_DATA_DIR);
  try {
    console.log(`Seeding ${number(args.clients)} demo clients (seed ${args.seed}) into ${target.description}`);
    const result = await seedDemoData({
      url: target.url,
      clients: args.clients,
      seed: args.seed,
      asOf: args.asOf ?? undefined,
      reset: args.reset,
      onProgress: printProgress,
    });
    const seconds = result.elapsedMs / 1000;
    const mix = ARCHETYPES.map((a) => `${a} ${number(result.archetypes[a])}`).join(", ");
    console.log(`Done in ${seconds.toFixed(1)}s: ${number(result.users)} users, ${number(result.clients)} clients, ${number(result.orders)} orders`);
    console.log(`  ${number((result.users + result.clients + result.orders) / seconds)} rows/s overall; as of ${result.asOf.toISOString()}; mix: ${mix}`);
  } finally {
    await target.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof SeedArgsError) console.error(`${error.message}\n\n${SEED_USAGE}`);
  else if (error instanceof DatabaseNotEmptyError) console.error(error.message);
  else if (isUndefinedTable(error)) console.error(`${error.message}. Is the database migrated? Run \`npm run db:migrate\` first.`);
  else console.error(error);
  process.exitCode = 1;
});
