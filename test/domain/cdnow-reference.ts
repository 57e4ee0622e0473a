// Test-only loader for the CDNOW reference data in ../shared/datasets/cdnow (relative to the repo root).
import fs from "node:fs";
import path from "node:path";
import { CDNOW_DIR } from "@/scripts/lib/shared-dir";
import type { BgNbdCustomer, BgNbdParams } from "@/lib/domain/engagement/bgnbd";


function readCsv(file: string): Record<string, number>[] {
  const [header, ...lines] = fs.readFileSync(path.join(CDNOW_DIR, file), "utf8").trim().split(/\r?\n/);
  const columns = (header ?? "").split(",");
  return lines.map((line) => {
    const cells = line.split(",").map(Number);
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? Number.NaN]));
  });
}

/** The 2-decimal summary the paper fits: columns ID, frequency (x), recency (t_x), T. */
export function loadCdnowSummary(): BgNbdCustomer[] {
  return readCsv("cdnow_customers_summary.csv").map((row) => ({
    x: row.frequency ?? Number.NaN,
    tx: row.recency ?? Number.NaN,
    T: row.T ?? Number.NaN,
  }));
}

/** The summary recomputed in exact weeks from the transaction log. */
export function loadCdnowFullPrecision(): BgNbdCustomer[] {
  return readCsv("cdnow_summary_fullprecision_derived.csv").map((row) => ({
    x: row.x ?? Number.NaN,
    tx: row.t_x ?? Number.NaN,
    T: row.T ?? Number.NaN,
  }));
}

export interface ExternalCheck {
  source: string;
  quantity: string;
  params: string;
  param_values: [number, number, number, number];
  inputs: Record<string, number | string>;
  published: number;
  ours: number;
  tolerance_used_by_source_or_digits_shown: number;
}

interface ReferenceCustomer {
  id: number;
  description: string;
  inputs: { x: number; t_x: number; T: number };
  outputs: Record<"paper_params" | "fitted_params", { p_alive: number; expected_purchases_t39: number; expected_purchases_t52: number }>;
}

type Aggregate = {
  E_X_t_per_new_customer: Record<"t39" | "t52" | "t78", number>;
  N_times_E_X_t_all_born_at_0: Record<"t39" | "t78", number>;
  cohort_cumulative_expected_repeat_transactions_fullprecision_T: Record<"week39" | "week78", number>;
  cohort_cumulative_expected_repeat_transactions_2dp_T: Record<"week39" | "week78", number>;
};

interface CdnowReference {
  published: { paper: { params: BgNbdParams; log_likelihood: number } };
  ours: {
    log_likelihood_at_paper_params_2dp_data: number;
    log_likelihood_at_paper_params_fullprecision_data: number;
    fitted_2dp_data: { params: BgNbdParams; log_likelihood: number };
    fitted_fullprecision_data: { params: BgNbdParams; log_likelihood: number };
    multistart: { start: [number, number, number, number]; params: [number, number, number, number]; log_likelihood: number }[];
  };
  customers: ReferenceCustomer[];
  aggregate: Record<"paper_params" | "fitted_params", Aggregate>;
  external_checks: ExternalCheck[];
}

export function loadCdnowReference(): CdnowReference {
  return JSON.parse(fs.readFileSync(path.join(CDNOW_DIR, "reference-values.json"), "utf8")) as CdnowReference;
}

export const paramsFromArray = ([r, alpha, a, b]: readonly number[]): BgNbdParams => ({
  r: r ?? Number.NaN,
  alpha: alpha ?? Number.NaN,
  a: a ?? Number.NaN,
  b: b ?? Number.NaN,
});
