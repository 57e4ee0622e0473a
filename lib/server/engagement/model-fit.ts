import "server-only";
import { and, desc, eq, lte, sql } from "drizzle-orm";
import { z } from "zod";
import {
  type BgNbdFit,
  type BgNbdParams,
  bgNbdOnly,
  type DistinctBgNbdInputs,
  type DropoutModel,
  type EngagementModel,
  fitBgNbd,
  fitBgNbdFromCoarse,
  type HazardCalibration,
  mayReuseModelFit,
  type ScoreWeights,
  type WeightedBgNbdCustomer,
} from "@/lib/domain/engagement";
import type { Executor } from "@/lib/server/db/client";
import { modelFits } from "@/lib/server/db/schema";

/** The drop-out model a full run fits: MBG/NBD, so that one-order clients can lapse (see lib/domain/engagement/mbgnbd.ts). */
const DROPOUT_MODEL: DropoutModel = "mbgnbd";
/**
 * Bump when the fit's inputs change meaning (here: histories rounded to whole days, times in weeks; learned score
 * weights and the P(order) calibration stored beside the parameters), or what learning or scoring makes of them:
 * nightly runs reuse a fit for up to a week (see mayReuseModelFit), across deploys, but only one of this version.
 */
const MODEL_VERSION = "mbgnbd-days-1";
// Below this many buyers, or with no repeat buyer at all, the parameters say more about noise than about clients.
const MIN_CUSTOMERS = 30;
// A parameter beyond a millionfold of 1 means the likelihood had no optimum inside (e.g. nobody ordered for months).
const MAX_PARAM_RATIO = 1e6;

export type StoredModelFit = {
  id: string;
  params: BgNbdParams;
  /** The model, the weights learned with it (null: the admin's) and the calibration of P(order) (null: none). */
  engagement: EngagementModel;
  version: string;
  asOf: Date;
  fittedAt: Date;
  customers: number;
  distinctHistories: number | null;
};
type FittedModel = { fit: BgNbdFit; customers: number; asOf: Date };
/** What a run learned on the window before its date (see learnFromRecentHistory). */
export type LearnedExtras = { weights: ScoreWeights | null; calibration: HazardCalibration | null };

const paramsSchema = z.object({ r: z.number().positive(), alpha: z.number().positive(), a: z.number().positive(), b: z.number().positive() });
// Stored flat beside the parameters in the same jsonb: weights as w_<component>, the calibration as cal_intercept and cal_slope.
const weightsSchema = z.object({ w_recency: z.number().min(0), w_frequency: z.number().min(0), w_value: z.number().min(0), w_keepRate: z.number().min(0), w_outlook: z.number().min(0) });
const calibrationSchema = z.object({ cal_intercept: z.number(), cal_slope: z.number() });

function storedExtras(extras: LearnedExtras): Record<string, number> {
  const w = extras.weights;
  const c = extras.calibration;
  return {
    ...(w ? { w_recency: w.recency, w_frequency: w.frequency, w_value: w.value, w_keepRate: w.keepRate, w_outlook: w.outlook } : {}),
    ...(c ? { cal_intercept: c.intercept, cal_slope: c.slope } : {}),
  };
}

function engagementModelOf(model: string, stored: Record<string, number>): EngagementModel {
  const params = paramsSchema.parse(stored);
  if (model !== "mbgnbd") return bgNbdOnly(params);
  const w = weightsSchema.safeParse(stored);
  const c = calibrationSchema.safeParse(stored);
  return {
    fit: { model: "mbgnbd", params },
    weights: w.success ? { recency: w.data.w_recency, frequency: w.data.w_frequency, value: w.data.w_value, keepRate: w.data.w_keepRate, outlook: w.data.w_outlook } : null,
    calibration: c.success ? { intercept: c.data.cal_intercept, slope: c.data.cal_slope } : null,
  };
}

/** Which model a snapshot's P(alive) came from (its fit is the snapshot's model_fit_id), or none. */
export function modelVersionOf(model: StoredModelFit | null): string {
  return model ? model.version : "score-only";
}

type TripleRow = { x: number; tx_days: number; t_days: number; customers: number };

/**
 * Every buyer's (x, t_x, T) as of `asOf`, in weeks. SQL groups clients with the same history in whole days,
 * so the fit works on a few distinct histories with counts instead of one row per client.
 */
export async function loadBgNbdHistories(db: Executor, asOf: Date): Promise<WeightedBgNbdCustomer[]> {
  const asOfText = asOf.toISOString();
  const rows = await db.execute<TripleRow>(sql`
    select x, tx_days, t_days, count(*)::int as customers
    from (
      select count(distinct date_bin('1 day', ordered_at, timestamptz 'epoch'))::int - 1 as x,
        round(extract(epoch from max(ordered_at) - min(ordered_at)) / 86400)::int as tx_days,
        round(extract(epoch from ${asOfText}::timestamptz - min(ordered_at)) / 86400)::int as t_days
      from orders
      where status <> 'cancelled' and ordered_at <= ${asOfText}::timestamptz
      group by client_id
    ) per_client
    group by x, tx_days, t_days`);
  return rows.map((r) => ({ x: r.x, tx: r.tx_days / 7, T: r.t_days / 7, count: r.customers }));
}

const usable = (fit: BgNbdFit) => fit.converged && Object.values(fit.params).every((p) => p < MAX_PARAM_RATIO && p > 1 / MAX_PARAM_RATIO);

// The coarse fit's time step. A week leaves the demo data 19,000 to 37,000 distinct histories against 76,000 to
// 414,000 exact ones; four weeks left fewer still, but moved the optimum onto a and b's ridge on some dates.
const COARSE_DAYS = 7;

/**
 * Null when the data are too thin or the fit is unusable (see latestModelFitAsOf for what a run does then).
 * Warm-started from a fit on the same histories in whole weeks (see fitBgNbdFromCoarse).
 */
export function fitHistories(inputs: DistinctBgNbdInputs, asOf: Date): FittedModel | null {
  const histories = inputs.grouped();
  const customers = histories.customerCount;
  if (customers < MIN_CUSTOMERS || !histories.groups.some((g) => g.x > 0)) return null;
  // Where the likelihood is nearly flat along a and b's ridge, the warm start can run off along it where a cold
  // start stops at an interior optimum: that answer is then taken instead.
  const warm = fitBgNbdFromCoarse(histories, inputs.coarsened(COARSE_DAYS).grouped(), { model: DROPOUT_MODEL });
  const fit = usable(warm) || !warm.warmStarted ? warm : fitBgNbd(histories, { model: DROPOUT_MODEL });
  if (!usable(fit)) {
    console.warn(`${DROPOUT_MODEL} fit as of ${asOf.toISOString()} is unusable (${JSON.stringify(fit.params)} after ${fit.iterations} iterations)`);
    return null;
  }
  return { fit, customers, asOf };
}

export async function storeModelFit(db: Executor, fitted: FittedModel, extras: LearnedExtras): Promise<StoredModelFit> {
  const [row] = await db
    .insert(modelFits)
    .values({
      model: DROPOUT_MODEL,
      version: MODEL_VERSION,
      params: { ...fitted.fit.params, ...storedExtras(extras) },
      logLikelihood: fitted.fit.logLikelihood,
      customers: fitted.customers,
      distinctHistories: fitted.fit.distinctHistories,
      asOf: fitted.asOf,
    })
    .returning();
  if (!row) throw new Error("model fit insert returned no row");
  return toStored(row);
}

/**
 * The model fitted as of the latest date up to `asOf`: what a full run keeps using when its own fit is unusable, so
 * one odd day's data does not take P(alive) away from every client.
 */
export async function latestModelFitAsOf(db: Executor, asOf: Date): Promise<StoredModelFit | null> {
  const [row] = await db
    .select()
    .from(modelFits)
    .where(and(eq(modelFits.model, DROPOUT_MODEL), eq(modelFits.version, MODEL_VERSION), lte(modelFits.asOf, asOf)))
    .orderBy(desc(modelFits.asOf), desc(modelFits.fittedAt))
    .limit(1);
  return row ? toStored(row) : null;
}

/**
 * The model a full run as of `asOf` may score with instead of fitting its own (see mayReuseModelFit): the latest fit
 * as of that date, unless it is a week old, learned no weights, or the settings were saved or an import finished
 * since its run began reading. Null: fit anew. Every time compared is the database's clock.
 */
export async function reusableModelFit(db: Executor, asOf: Date): Promise<StoredModelFit | null> {
  const fit = await latestModelFitAsOf(db, asOf);
  if (!fit) return null;
  const [times] = await db.execute<{ read_from_ms: number | null; settings_ms: number | null; import_ms: number | null }>(sql`
    select extract(epoch from (select min(started_at) from scoring_runs where model_fit_id = ${fit.id}::uuid and not model_reused))::float8 * 1000 as read_from_ms,
      extract(epoch from (select updated_at from app_settings where key = 'engagement'))::float8 * 1000 as settings_ms,
      extract(epoch from (select max(finished_at) from import_jobs))::float8 * 1000 as import_ms`);
  const date = (ms: number | null | undefined) => (ms == null ? null : new Date(ms));
  const reusable = mayReuseModelFit(
    { asOf: fit.asOf, readFrom: date(times?.read_from_ms), learned: fit.engagement.weights !== null },
    asOf,
    { settingsSavedAt: date(times?.settings_ms), importFinishedAt: date(times?.import_ms) },
  );
  return reusable ? fit : null;
}

/** The most recently fitted model, which single-client rescoring uses between full runs. */
export async function latestModelFit(db: Executor): Promise<StoredModelFit | null> {
  const [row] = await db.select().from(modelFits).orderBy(desc(modelFits.fittedAt)).limit(1);
  return row ? toStored(row) : null;
}

export async function modelFitById(db: Executor, id: string): Promise<StoredModelFit | null> {
  const [row] = await db.select().from(modelFits).where(eq(modelFits.id, id)).limit(1);
  return row ? toStored(row) : null;
}

function toStored(row: typeof modelFits.$inferSelect): StoredModelFit {
  const engagement = engagementModelOf(row.model, row.params);
  return { id: row.id, params: engagement.fit.params, engagement, version: row.version, asOf: row.asOf, fittedAt: row.fittedAt, customers: row.customers, distinctHistories: row.distinctHistories };
}
