import { TIER_LABELS } from "@/components/engagement/tier-badge";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatDate, formatNumber } from "@/components/ui/format";
import { tableHeadClass } from "@/components/ui/table";
import type { BacktestReport } from "@/lib/server/data/backtest";
import { CalibrationChart } from "./calibration-chart";
import { ComparisonTable } from "./comparison-table";
import { TrackingChart } from "./tracking-chart";
import { trackingWarning } from "@/lib/domain/engagement/tracking";

/** The cutoff is a calendar day the admin picked, counted in UTC like the back-test itself. */
const CUTOFF_ZONE = "UTC";
const percent = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)}%`);

/** The verdict first, then the score, the model and the rule side by side, each tier's outcome, calibration and tracking. */
export function BacktestResults({ report }: { report: BacktestReport }) {
  const { horizonDays, verdict, tracking } = report;
  const { report: m, fit, learned } = report.scoring;
  if (m.clients === 0) {
    return <p className="text-sm text-stone-600">No client had ordered before {formatDate(report.cutoff, CUTOFF_ZONE)}. Pick a later cutoff.</p>;
  }
  const lastWeek = tracking.at(-1);
  const missed = trackingWarning(lastWeek);
  return (
    <div className="space-y-6" data-testid="backtest-results">
      {verdict ? (
        <div
          role={verdict.beatsRule ? "status" : "alert"}
          data-testid="backtest-verdict"
          className={cn("rounded-xl p-4 ring-1", verdict.beatsRule ? "bg-emerald-50 text-emerald-900 ring-emerald-200" : "bg-amber-50 text-amber-900 ring-amber-300")}
        >
          <p className="font-semibold">{verdict.headline}</p>
          <ul className="mt-1 space-y-0.5 text-sm">
            {verdict.details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="text-sm text-stone-600">
        {formatNumber(m.clients)} clients had ordered before {formatDate(report.cutoff, CUTOFF_ZONE)}; {formatNumber(m.orderedAgain)} ({percent(m.orderedAgain / m.clients)}) ordered again in the{" "}
        {horizonDays} days after.{" "}
        {fit ? (learned ? `Score weights learned on ${formatNumber(learned.examples)} clients in the ${report.trainingDays} days before the cutoff.` : "Too little history before the cutoff to learn weights: the settings' weights apply.") : "Too little history to fit the churn model at that date."}
      </p>
      <ComparisonTable report={m} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="What each tier did next" description={`Share who ordered within ${horizonDays} days; at risk are the clients still within reach`} />
          <table className="w-full text-left text-sm" data-testid="tier-outcomes">
            <thead className={tableHeadClass}>
              <tr>
                <th className="px-4 py-2 font-medium">Tier at cutoff</th>
                <th className="px-4 py-2 text-right font-medium">Clients</th>
                <th className="px-4 py-2 text-right font-medium">Ordered again</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {m.tiers.map((t) => (
                <tr key={t.tier}>
                  <td className="px-4 py-2">{TIER_LABELS[t.tier]}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{formatNumber(t.clients)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{percent(t.shareOrdered)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {m.tiersInOrder ? null : <p className="px-4 py-3 text-sm text-amber-800">The tiers are not in order here: a lower tier reordered at least as often as the one above it.</p>}
        </Card>
        {m.calibration.length ? (
          <Card>
            <CardHeader
              title="Calibration of P(order within the horizon)"
              description={`Deciles of clients by the model's chance of an order within ${horizonDays} days; expected calibration error ${m.calibrationError === null ? "—" : `${(100 * m.calibrationError).toFixed(1)} points`}`}
            />
            <div className="flex flex-col items-center gap-4 p-5">
              <CalibrationChart bins={m.calibration} />
            </div>
          </Card>
        ) : null}
      </div>
      {lastWeek ? (
        <Card>
          <CardHeader
            title="Tracking: repeat orders week by week"
            description={`Cumulative repeat orders after the cutoff, expected by the model (dashed) and actual (solid): ${formatNumber(Math.round(lastWeek.expected))} expected, ${formatNumber(lastWeek.actual)} came in ${lastWeek.week} weeks`}
          />
          {missed ? <p className="px-5 pt-4 text-sm text-amber-800">{missed}</p> : null}
          <div className="p-5">
            <TrackingChart weeks={tracking} />
          </div>
        </Card>
      ) : null}
    </div>
  );
}
