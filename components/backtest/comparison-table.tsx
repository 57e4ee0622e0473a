import { Card, CardHeader } from "@/components/ui/card";
import { formatNumber } from "@/components/ui/format";
import { tableHeadClass } from "@/components/ui/table";
import type { FlagComparison, ModelCheckReport } from "@/lib/domain/engagement";

const percent = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)}%`);
const auc = (v: number | null) => (v === null ? "—" : v.toFixed(3));

function FlagRow({ label, flag }: { label: string; flag: FlagComparison }) {
  return (
    <tr>
      <td className="px-4 py-2">
        {label}
        <span className="block text-xs text-stone-500">
          {formatNumber(flag.flagged)} flagged, recall {percent(flag.recall)}
        </span>
      </td>
      <td className="px-4 py-2 text-right tabular-nums">{percent(flag.precision)}</td>
      <td className="px-4 py-2 text-right text-stone-500">—</td>
      <td className="px-4 py-2 text-right tabular-nums">{percent(flag.rulePrecision)}</td>
    </tr>
  );
}

/** The product's score, the model's P(order) alone and the days-since-last-order rule, measured the same ways. */
export function ComparisonTable({ report }: { report: ModelCheckReport }) {
  return (
    <Card>
      <CardHeader title="Score against the rule" description="Precision: of the flagged, the share who did not order again; the rule flags the longest-gone clients until it catches as many" />
      <table className="w-full text-left text-sm" data-testid="model-comparison">
        <thead className={tableHeadClass}>
          <tr>
            <th className="px-4 py-2 font-medium">Measure</th>
            <th className="px-4 py-2 text-right font-medium">Score</th>
            <th className="px-4 py-2 text-right font-medium">Model P(order)</th>
            <th className="px-4 py-2 text-right font-medium">Days since last order</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          <tr>
            <td className="px-4 py-2">
              AUC<span className="block text-xs text-stone-500">Chance a client who ordered again ranks above one who did not</span>
            </td>
            <td className="px-4 py-2 text-right tabular-nums">{auc(report.auc.score)}</td>
            <td className="px-4 py-2 text-right tabular-nums">{auc(report.auc.model)}</td>
            <td className="px-4 py-2 text-right tabular-nums">{auc(report.auc.rule)}</td>
          </tr>
          <FlagRow label="Precision, at risk or lapsed" flag={report.flag} />
          <FlagRow label="Precision, at risk alone" flag={report.atRisk} />
        </tbody>
      </table>
    </Card>
  );
}
