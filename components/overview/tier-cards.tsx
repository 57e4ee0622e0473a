import type { Route } from "next";
import Link from "next/link";
import { TIER_LABELS } from "@/components/engagement/tier-badge";
import { formatNumber, formatWholeMoney } from "@/components/ui/format";
import { countedClientsHref, DASHBOARD_TIERS, type DashboardTier, LIKELY_TO_LAPSE, type TierSummary } from "@/lib/domain/analytics/tier-summary";

const ACCENTS: Record<DashboardTier, string> = {
  healthy: "border-emerald-400",
  watch: "border-sky-400",
  at_risk: "border-amber-400",
  lapsed: "border-red-400",
};

function Change({ value }: { value: number | undefined }) {
  if (value === undefined) return <span className="text-xs text-stone-500">no run a week earlier</span>;
  const text = value === 0 ? "no change" : `${value > 0 ? "+" : "−"}${formatNumber(Math.abs(value))}`;
  return <span className="text-xs text-stone-500">{text} since last week</span>;
}

function Stat({ href, label, value, detail, accent }: { href: Route; label: string; value: string; detail?: React.ReactNode; accent?: string }) {
  return (
    <Link
      href={href}
      className={`block rounded-xl border-l-4 bg-white px-4 py-3 shadow-sm ring-1 ring-stone-200 hover:bg-stone-50 focus-visible:outline-2 focus-visible:outline-ember-500 ${accent ?? "border-stone-300"}`}
    >
      <span className="block text-xs font-medium text-stone-500">{label}</span>
      <span className="block text-2xl font-semibold text-stone-900">{value}</span>
      {detail ? <span className="block">{detail}</span> : null}
    </Link>
  );
}

/**
 * The headline numbers as of `day`; each opens the list of clients behind it: the live list for the latest day, else
 * the clients as that day's run scored them (see countedClientsHref).
 */
export function TierCards({ summary, changes, day, latestDay }: { summary: TierSummary; changes: Record<DashboardTier, number> | null; day: string; latestDay: string | null }) {
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7">
      <Stat href={countedClientsHref(day, latestDay, { tier: "healthy,watch,at_risk" }) as Route} label="Active clients" value={formatNumber(summary.active)} detail={<span className="text-xs text-stone-500">of {formatNumber(summary.clients)} scored, not lapsed</span>} />
      <Stat
        href={countedClientsHref(day, latestDay, { tier: DASHBOARD_TIERS.join(","), sort: "score" }) as Route}
        label="Average score"
        value={summary.averageScore === null ? "—" : summary.averageScore.toFixed(1)}
        detail={<span className="text-xs text-stone-500">out of 100</span>}
      />
      <Stat
        href={countedClientsHref(day, latestDay, { tier: LIKELY_TO_LAPSE.join(",") }) as Route}
        label="Revenue at risk"
        value={formatWholeMoney(summary.revenueAtRiskCents)}
        detail={<span className="text-xs text-stone-500">at risk and lapsed clients, next 90 days</span>}
        accent="border-ember-500"
      />
      {DASHBOARD_TIERS.map((tier) => (
        <Stat
          key={tier}
          href={countedClientsHref(day, latestDay, { tier, sort: "score", dir: "asc" }) as Route}
          label={TIER_LABELS[tier]}
          value={formatNumber(summary.byTier[tier])}
          detail={<Change value={changes?.[tier]} />}
          accent={ACCENTS[tier]}
        />
      ))}
    </div>
  );
}
