import { tableHeadClass } from "@/components/ui/table";
import { TIER_LABELS } from "@/components/engagement/tier-badge";
import { Card, CardHeader } from "@/components/ui/card";
import { formatDate, formatNumber } from "@/components/ui/format";
import type { BacktestReport } from "@/lib/server/data/backtest";
import { CalibrationChart } from "./calibration-chart";

const percent = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)}%`);

function Metric({ label, value, detail }: { label: string; value: string; detail: string }) {
  return (
    <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
      <p className="text-xs font-medium tracking-wide text-stone-500 uppercase">{label}</p>
      <p className="mt-1 text-2xl font-semibold text-stone-900 tabular-nums">{value}</p>
      <p className="mt-0.5 text-xs text-stone-500">{detail}</p>
    </div>
  );
}

/** The at-risk flag's hit rate, what became of each tier, and how P(alive) compares with what happened. */
export function BacktestResults({ report }: { report: BacktestReport }) {
  const { metrics: m, horizonDays } = report;
  if (m.clients === 0) {
    return <p className="text-sm text-stone-600">No client had ordered before {formatDate(report.cutoff)}. Pick a later cutoff.</p>;
  }
  return (
    <div className="space-y-6" data-testid="backtest-results">
      <p className="text-sm text-stone-600">
        {formatNumber(m.clients)} clients had ordered before {formatDate(report.cutoff)}; {formatNumber(m.notReordered)} ({percent(m.baseRate)}) did not order in the {horizonDays} days after.
        {report.model ? "" : " Too little history to fit the churn model at that date, so P(alive) is left out."}
      </p>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Metric label="Flagged at risk" value={formatNumber(m.flagged)} detail="At risk or lapsed at the cutoff" />
        <Metric label="Precision" value={percent(m.precision)} detail="Of the flagged, share who did not order" />
        <Metric label="Recall" value={percent(m.recall)} detail="Of those who did not order, share flagged" />
        <Metric label="Lift" value={m.lift === null ? "—" : `${m.lift.toFixed(2)}×`} detail="Precision against flagging at random" />
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="What each tier did next" description={`Share who ordered within ${horizonDays} days`} />
          <table className="w-full text-left text-sm">
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
        </Card>
        {m.calibration.length ? (
          <Card>
            <CardHeader title="Calibration of P(alive)" description="Deciles of clients by predicted P(alive); the dashed line is a perfect match" />
            <div className="flex flex-col items-center gap-4 p-5">
              <CalibrationChart bins={m.calibration} />
              <table className="w-full text-left text-sm">
                <thead className="text-xs tracking-wide text-stone-500 uppercase">
                  <tr>
                    <th className="py-1 font-medium">Decile</th>
                    <th className="py-1 text-right font-medium">Clients</th>
                    <th className="py-1 text-right font-medium">Predicted</th>
                    <th className="py-1 text-right font-medium">Ordered</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100 tabular-nums">
                  {m.calibration.map((b) => (
                    <tr key={b.bin}>
                      <td className="py-1">{b.bin}</td>
                      <td className="py-1 text-right">{formatNumber(b.clients)}</td>
                      <td className="py-1 text-right">{percent(b.meanPAlive)}</td>
                      <td className="py-1 text-right">{percent(b.shareOrdered)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        ) : null}
      </div>
    </div>
  );
}
