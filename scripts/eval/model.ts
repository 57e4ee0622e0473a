/**
 * `npm run eval:model`: does the engagement score foretell who orders again better than "days since last order" and
 * than the drop-out model's P(order) alone? Runs the product's scoring (weights learned in the window before the
 * cutoff, as long as the horizon but at most half the history before it; MBG/NBD fitted as of the cutoff) on
 * - the CDNOW master log (../shared/datasets/cdnow/CDNOW_master.txt, 23,570 customers): cutoff 1997-09-30, holdout
 *   to 1998-06-30 (273 days), every CD an item kept;
 * - generated demo data (DEMO_CLIENTS, default 20,000): cutoff 90 days before the data set's "now", 90-day horizon;
 * and prints, for each, a table: AUC of the score, of the model's P(order within the horizon) and of the rule; the
 * at-risk flag's precision at the rule's equal recall; each tier's reorder rate; the calibration error of P(order).
 * The "before" rows score with the admin's default weights and BG/NBD, as the product did.
 */
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_ENGAGEMENT_SETTINGS } from "@/lib/domain/engagement";
import { backtestScoring, type HistoriesAt, type ScoringBacktest } from "@/lib/domain/engagement/backtest-scoring";
import { DAY_MS, type EngagementOrder, summariseHistory } from "@/lib/domain/engagement/history";
import { generateDemoClientChunks } from "@/lib/domain/demo";
import type { DropoutModelFit } from "@/lib/domain/engagement/mbgnbd";
import { trainingWindowDays } from "@/lib/domain/engagement/score-at";
import { expectedCumulativeRepeatOrders, trackingWeeks } from "@/lib/domain/engagement/tracking";
import { CDNOW_DIR } from "../lib/shared-dir";

type Dataset = { name: string; orders: EngagementOrder[][]; cutoff: Date; horizonDays: number };
const DEMO_CLIENTS = Number(process.env.DEMO_CLIENTS ?? 20_000);
const DEMO_AS_OF = new Date("2026-06-01T00:00:00Z");

function loadCdnowMaster(): EngagementOrder[][] {
  const [, ...lines] = fs.readFileSync(path.join(CDNOW_DIR, "CDNOW_master.txt"), "utf8").trim().split(/\r?\n/);
  const byCustomer = new Map<string, EngagementOrder[]>();
  for (const line of lines) {
    const [id, date, cds, dollars] = line.trim().split(/[\s,]+/);
    if (!id || !date || !cds || !dollars) continue;
    const orderedAt = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8))));
    const items = Number(cds);
    const order: EngagementOrder = { orderedAt, itemsShipped: items, itemsKept: items, valueCents: Math.round(Number(dollars) * 100), status: "shipped" };
    const list = byCustomer.get(id);
    if (list) list.push(order);
    else byCustomer.set(id, [order]);
  }
  return [...byCustomer.values()];
}

function loadDemo(): EngagementOrder[][] {
  const all: EngagementOrder[][] = [];
  for (const chunk of generateDemoClientChunks({ seed: 1, asOf: DEMO_AS_OF, clients: DEMO_CLIENTS })) {
    for (const client of chunk) all.push(client.orders.map((o) => ({ orderedAt: o.orderedAt, itemsShipped: o.itemsShipped, itemsKept: o.itemsKept, valueCents: o.valueCents, status: o.status })));
  }
  return all;
}

/** Histories of clients with orders by `asOf`, and whether each ordered in (asOf, asOf + days]. */
function historiesAt(orders: EngagementOrder[][], asOf: Date, days: number): HistoriesAt {
  const end = asOf.getTime() + days * DAY_MS;
  const histories = [];
  const orderedAgain = [];
  for (const list of orders) {
    const history = summariseHistory(list, asOf);
    if (history.orderCount === 0) continue;
    histories.push(history);
    orderedAgain.push(list.some((o) => o.status !== "cancelled" && o.orderedAt.getTime() > asOf.getTime() && o.orderedAt.getTime() <= end));
  }
  return { asOf, histories, orderedAgain };
}

const pct = (v: number | null) => (v === null ? "—" : `${(100 * v).toFixed(1)}%`);
const num = (v: number | null, digits = 3) => (v === null ? "—" : v.toFixed(digits));

function printRun(label: string, run: ScoringBacktest) {
  const r = run.report;
  console.log(`\n  ${label}`);
  console.log(`    clients ${r.clients.toLocaleString("en-US")}, ordered again ${r.orderedAgain.toLocaleString("en-US")} (${pct(r.orderedAgain / r.clients)})`);
  console.log(`    ${run.fit ? `${run.fit.model} r ${num(run.fit.params.r)} α ${num(run.fit.params.alpha, 2)} a ${num(run.fit.params.a)} b ${num(run.fit.params.b)}` : "no model"}; weights ${run.learned ? Object.entries(run.learned.weights).map(([k, w]) => `${k} ${w.toFixed(2)}`).join(", ") + ` (learned on ${run.learned.examples.toLocaleString("en-US")})` : "admin's"}`);
  console.log(`    ${"metric".padEnd(44)} ${"score".padStart(8)} ${"P(order)".padStart(8)} ${"rule".padStart(8)}`);
  console.log(`    ${"AUC (who orders again)".padEnd(44)} ${num(r.auc.score).padStart(8)} ${num(r.auc.model).padStart(8)} ${num(r.auc.rule).padStart(8)}`);
  const flagRow = (name: string, f: typeof r.flag) =>
    console.log(`    ${`${name}: precision at recall ${pct(f.recall)} (${f.flagged})`.padEnd(44)} ${pct(f.precision).padStart(8)} ${"".padStart(8)} ${pct(f.rulePrecision).padStart(8)}`);
  flagRow("flag at risk + lapsed", r.flag);
  flagRow("flag at risk alone", r.atRisk);
  console.log(`    tier reorder rates: ${r.tiers.map((t) => `${t.tier} ${pct(t.shareOrdered)} (${t.clients})`).join(", ")}; ${r.tiersInOrder ? "in order" : "NOT in order"}`);
  console.log(`    ECE of P(order within horizon) by deciles: ${num(r.calibrationError)}`);
  console.log(`    deciles (predicted → observed): ${r.calibration.map((b) => `${(100 * b.meanPredicted).toFixed(0)}→${(100 * b.shareObserved).toFixed(0)}`).join(" ")}`);
}

/** FHL's tracking: expected against actual cumulative repeat order days, at a few weeks after the cutoff. */
function printTracking(fit: DropoutModelFit, orders: EngagementOrder[][], check: HistoriesAt, cutoff: Date, weeks: number) {
  const perWeek = new Array<number>(weeks).fill(0);
  for (const list of orders) {
    if (!list.some((o) => o.status !== "cancelled" && o.orderedAt.getTime() <= cutoff.getTime())) continue;
    // One repeat order per day with orders, as the model counts them, dated by the day's first order.
    const days = new Map<number, number>();
    for (const o of list) {
      if (o.status === "cancelled" || o.orderedAt.getTime() <= cutoff.getTime()) continue;
      const day = Math.floor(o.orderedAt.getTime() / DAY_MS);
      days.set(day, Math.min(days.get(day) ?? Number.POSITIVE_INFINITY, o.orderedAt.getTime()));
    }
    for (const at of days.values()) {
      const week = Math.floor((at - cutoff.getTime()) / (7 * DAY_MS));
      if (week >= 0 && week < weeks) perWeek[week] = (perWeek[week] ?? 0) + 1;
    }
  }
  const rows = trackingWeeks(expectedCumulativeRepeatOrders(fit, check.histories, cutoff, weeks), perWeek);
  const shown = rows.filter((r) => r.week % 13 === 0 || r.week === weeks);
  console.log(`    tracking, cumulative repeat orders (expected / actual): ${shown.map((r) => `week ${r.week} ${Math.round(r.expected)} / ${r.actual}`).join(", ")}`);
}

function verdict(run: ScoringBacktest): string[] {
  const r = run.report;
  const fails: string[] = [];
  if (!((r.auc.score ?? 0) > (r.auc.rule ?? 1))) fails.push("score AUC does not beat the rule");
  if (!((r.auc.score ?? 0) > (r.auc.model ?? 1))) fails.push("score AUC does not beat P(order) alone");
  if (!((r.flag.precision ?? 0) >= (r.flag.rulePrecision ?? 1))) fails.push("at-risk flag less precise than the rule");
  if (!r.tiersInOrder) fails.push("tiers not in order");
  return fails;
}

const datasets: Dataset[] = [
  { name: "CDNOW master (23,570 customers)", orders: loadCdnowMaster(), cutoff: new Date("1997-09-30T00:00:00Z"), horizonDays: 273 },
  { name: `demo data (${DEMO_CLIENTS.toLocaleString("en-US")} clients)`, orders: loadDemo(), cutoff: new Date(DEMO_AS_OF.getTime() - 90 * DAY_MS), horizonDays: 90 },
];
let failed = false;
for (const dataset of datasets) {
  // CDNOW's dates are whole days; an order on the cutoff day counts as before it.
  const cutoff = new Date(dataset.cutoff.getTime() + DAY_MS - 1);
  console.log(`\n${dataset.name}: cutoff ${dataset.cutoff.toISOString().slice(0, 10)}, horizon ${dataset.horizonDays} days`);
  const check = historiesAt(dataset.orders, cutoff, dataset.horizonDays);
  const firstOrderMs = dataset.orders.reduce((first, list) => list.reduce((m, o) => Math.min(m, o.orderedAt.getTime()), first), Number.POSITIVE_INFINITY);
  const window = trainingWindowDays(dataset.horizonDays, new Date(firstOrderMs), cutoff);
  console.log(`  weights and calibration learned on the ${window} days before the cutoff`);
  const training = historiesAt(dataset.orders, new Date(cutoff.getTime() - window * DAY_MS), window);
  printRun("before: admin weights, BG/NBD", backtestScoring(check, null, dataset.horizonDays, DEFAULT_ENGAGEMENT_SETTINGS, "bgnbd"));
  const product = backtestScoring(check, training, dataset.horizonDays, DEFAULT_ENGAGEMENT_SETTINGS, "mbgnbd");
  printRun("product: learned weights, MBG/NBD", product);
  if (product.fit) printTracking(product.fit, dataset.orders, check, cutoff, Math.floor(dataset.horizonDays / 7));
  const fails = verdict(product);
  if (dataset.name.startsWith("CDNOW") && !((product.report.calibrationError ?? 1) <= 0.04)) fails.push("ECE above 0.04");
  console.log(fails.length === 0 ? "    verdict: all targets met" : `    verdict: ${fails.join("; ")}`);
  failed ||= fails.length > 0;
}
process.exitCode = failed ? 1 : 0;
