import type { Route } from "next";
import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { formatNumber } from "@/components/ui/format";
import { EMAIL_FIGURE_LABELS, type EmailFigure } from "@/lib/domain/email/email-figures";
import type { EmailBreakdownRow, EmailOverview } from "@/lib/server/data/email-overview";

/** The review queue filtered to what a number counts. */
function emailsHref(filters: { status?: string | null; tier?: string | null; stylist?: string | null }): Route {
  const params = new URLSearchParams();
  params.set("status", filters.status ?? "all");
  if (filters.tier) params.set("tier", filters.tier);
  if (filters.stylist) params.set("stylist", filters.stylist);
  return `/emails?${params.toString()}` as Route;
}

const percent = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(1)}%`);

function FigureLink({ figure, filters }: { figure: EmailFigure; filters?: { tier?: string | null; stylist?: string | null } }) {
  return (
    <Link href={emailsHref({ status: figure.status, ...filters })} className="font-medium text-stone-900 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-ember-500">
      {formatNumber(figure.count)}
    </Link>
  );
}

function BreakdownTable({ title, rows, filter }: { title: string; rows: EmailBreakdownRow[]; filter: "tier" | "stylist" }) {
  const keys = ["drafted", "awaitingReview", "sent", "delivered", "opened", "clicked", "bounced"] as const;
  if (rows.length === 0) return <p className="px-5 py-2 text-sm text-stone-500">{title}: no emails drafted in this range yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="px-5 py-2 text-left text-xs font-medium text-stone-500">{title}</caption>
        <thead className="text-left text-xs text-stone-500">
          <tr>
            <th className="px-5 py-1 font-medium">{filter === "tier" ? "Tier" : "Stylist"}</th>
            {keys.map((k) => (
              <th key={k} className="px-2 py-1 text-right font-medium">
                {EMAIL_FIGURE_LABELS[k]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id ?? "none"} className="border-t border-stone-100">
              <th scope="row" className="px-5 py-1 text-left font-normal text-stone-700">{row.label}</th>
              {row.figures.map((f) => (
                <td key={f.key} className="px-2 py-1 text-right tabular-nums">
                  <FigureLink figure={f} filters={filter === "tier" ? { tier: row.id } : { stylist: row.id }} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The overview's email section: the funnel, win-backs and the holdout uplift, then the analytics by tier and stylist. */
export function EmailOverviewSection({ overview }: { overview: EmailOverview }) {
  const { figures, uplift } = overview;
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="Win-back emails" description="Emails drafted in the range and how far they got; each number opens the emails behind it." />
        <dl className="grid grid-cols-2 gap-3 px-5 py-4 sm:grid-cols-4 xl:grid-cols-8">
          {figures.map((f) => (
            <div key={f.key}>
              <dt className="text-xs text-stone-500">{f.label}</dt>
              <dd className="text-xl">
                <FigureLink figure={f} />
              </dd>
              {f.rateOf ? <dd className="text-xs text-stone-500">{percent(f.rate)} {f.rateOf}</dd> : null}
            </div>
          ))}
          <div>
            <dt className="text-xs text-stone-500">Win-backs</dt>
            <dd className="text-xl font-medium text-stone-900">{formatNumber(overview.winBacks.emailed)}</dd>
            <dd className="text-xs text-stone-500">{formatNumber(overview.winBacks.heldOut)} in the holdout</dd>
          </div>
        </dl>
        {uplift ? (
          <div className="border-t border-stone-100 px-5 py-4 text-sm">
            <p className="font-medium text-stone-900">Holdout uplift</p>
            <p className="text-stone-700">{uplift.reading}</p>
            <p className="text-xs text-stone-500">
              Emailed: {formatNumber(uplift.emailed.wonBack)} of {formatNumber(uplift.emailed.clients)} won back; held out: {formatNumber(uplift.heldOut.wonBack)} of{" "}
              {formatNumber(uplift.heldOut.clients)}.
            </p>
          </div>
        ) : null}
      </Card>
      <Card>
        <CardHeader
          title="Email analytics"
          description={`Bounced ${formatNumber(figures.find((f) => f.key === "bounced")?.count ?? 0)}, complaints ${formatNumber(overview.complained)}${overview.suppressed === null ? "" : `, ${formatNumber(overview.suppressed)} addresses on the suppression list`}.`}
        />
        <BreakdownTable title="By tier" rows={overview.byTier} filter="tier" />
        <BreakdownTable title="By stylist" rows={overview.byStylist} filter="stylist" />
        <div className="overflow-x-auto px-5 py-3">
          <table className="text-sm">
            <caption className="py-2 text-left text-xs font-medium text-stone-500">Opens and clicks per week</caption>
            <thead className="text-left text-xs text-stone-500">
              <tr>
                <th className="pr-4 font-medium">Week of</th>
                <th className="pr-4 text-right font-medium">Opens</th>
                <th className="text-right font-medium">Clicks</th>
              </tr>
            </thead>
            <tbody>
              {overview.activity.length === 0 ? (
                <tr>
                  <td colSpan={3} className="py-1 text-stone-500">No opens or clicks in this range yet.</td>
                </tr>
              ) : (
                overview.activity.map((w) => (
                  <tr key={w.week}>
                    <td className="pr-4 tabular-nums">{w.week}</td>
                    <td className="pr-4 text-right tabular-nums">{formatNumber(w.opened)}</td>
                    <td className="text-right tabular-nums">{formatNumber(w.clicked)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
