import { parseArgs } from "node:util";
import { DEFAULT_CLIENT_COUNT } from "@/lib/domain/demo";
import { DEFAULT_SEED } from "./seed-demo-data";

export const DEFAULT_DATA_DIR = ".data/postgres";

type SeedArgs = {
  clients: number;
  seed: number;
  reset: boolean;
  /** Set when --data-dir was given: seed an embedded Postgres there even if DATABASE_URL is set. */
  dataDir: string | null;
  asOf: Date | null;
};

export const SEED_USAGE = `Usage: npm run db:seed -- [--clients N] [--seed S] [--reset] [--as-of ISO-DATE] [--data-dir DIR]
  --clients   number of demo clients (default ${DEFAULT_CLIENT_COUNT}; about 10 orders each)
  --seed      random seed, 0..4294967295 (default ${DEFAULT_SEED}); the same seed and --as-of give the same rows
  --reset     empty users, clients and orders first; without it a non-empty database is refused
  --as-of     the data set's "now" (default: the current time)
  --data-dir  use an embedded Postgres in DIR instead of DATABASE_URL (default dir ${DEFAULT_DATA_DIR})`;

/** A mistake on the command line: reported with the usage text rather than a stack trace. */
export class SeedArgsError extends Error {
  name = "SeedArgsError";
}

function integerArg(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value > max) {
    throw new SeedArgsError(`--${name} must be a whole number between 0 and ${max}, got "${raw}"`);
  }
  return value;
}

function parseFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        clients: { type: "string" },
        seed: { type: "string" },
        reset: { type: "boolean", default: false },
        "as-of": { type: "string" },
        "data-dir": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    // node:util reports unknown flags and missing values as plain TypeErrors.
    throw new SeedArgsError(error instanceof Error ? error.message : String(error));
  }
}

export function parseSeedArgs(argv: string[]): SeedArgs | "help" {
  const { values } = parseFlags(argv);
  if (values.help) return "help";
  const asOf = values["as-of"] === undefined ? null : new Date(values["as-of"]);
  if (asOf && Number.isNaN(asOf.getTime())) throw new SeedArgsError(`--as-of must be a date such as 2026-05-01, got "${values["as-of"]}"`);
  return {
    clients: integerArg("clients", values.clients, DEFAULT_CLIENT_COUNT, 50_000_000),
    seed: integerArg("seed", values.seed, DEFAULT_SEED, 0xffffffff),
    reset: values.reset,
    dataDir: values["data-dir"] ?? null,
    asOf,
  };
}
