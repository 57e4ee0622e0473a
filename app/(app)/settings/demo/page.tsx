import type { Metadata, Route } from "next";
import Link from "next/link";
import { ClearOverrideButton } from "@/components/demo/clear-override-button";
import { DemoCard } from "@/components/demo/demo-card";
import { DemoRescoreForm } from "@/components/demo/demo-rescore-form";
import { EffectiveTierBadge } from "@/components/demo/effective-tier-badge";
import { ScoringRunStatus } from "@/components/settings/scoring-run-panel";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate } from "@/components/ui/format";
import { tableHeadClass } from "@/components/ui/table";
import { requirePageContext } from "@/lib/server/auth/session";
import { displayTimeZone } from "@/lib/server/http/viewer-time-zone";
import { listActiveTierOverrides } from "@/lib/server/data/demo-overrides";
import { getLatestScoringRun } from "@/lib/server/data/scoring-runs";

export const metadata: Metadata = { title: "Demo controls" };

export default async function DemoControlsPage() {
  const ctx = await requirePageContext("demo.control");
  const [overrides, run, zone] = await Promise.all([listActiveTierOverrides(ctx), getLatestScoringRun(ctx), displayTimeZone()]);
  return (
    <div className="space-y-6">
      <p className="rounded-lg border border-violet-300 bg-violet-50 px-4 py-3 text-sm text-violet-900" role="note">
        For demonstrations: these controls change what the pages show so a demo need not wait weeks. Every use is in the audit log.
        Overrides never reach the model fit, the learned weights or the model check.
      </p>
      <DemoCard title="Rescore as of a date" description="A full rescoring of every client as of a past date, as if today were that day. The nightly run puts scores back to today." testId="demo-rescore">
        <div className="space-y-4">
          <DemoRescoreForm today={new Date().toISOString().slice(0, 10)} />
          <ScoringRunStatus initial={run} />
        </div>
      </DemoCard>
      <DemoCard title="Tier overrides in force" description="Set one on a client's page (Demo: override tier). The client shows the chosen tier, marked Demo, until it ends." testId="demo-overrides">
        {overrides.length === 0 ? (
          <EmptyState
            title="No overrides in force"
            description="Open a client, then use Demo: override tier to show them slipping into At risk; the win-back outreach follows as for a real change."
            action={
              <Link className="text-sm font-medium text-ember-700 underline" href="/clients">
                Go to clients
              </Link>
            }
          />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className={tableHeadClass}>
                <tr>
                  <th scope="col" className="px-3 py-2.5 font-medium">Client</th>
                  <th scope="col" className="px-3 py-2.5 font-medium">Shown as</th>
                  <th scope="col" className="hidden px-3 py-2.5 font-medium sm:table-cell">Ends</th>
                  <th scope="col" className="px-3 py-2.5 font-medium"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-violet-100">
                {overrides.map((o) => (
                  <tr key={o.clientId}>
                    <td className="px-3 py-2.5">
                      <Link href={`/clients/${o.clientId}` as Route} className="font-medium text-stone-900 hover:underline">
                        {o.clientName}
                      </Link>
                    </td>
                    <td className="px-3 py-2.5">
                      <EffectiveTierBadge scored={o.scoredTier} override={o} zone={zone} />
                    </td>
                    <td className="hidden px-3 py-2.5 text-stone-700 sm:table-cell">{formatDate(o.expiresAt, zone)}</td>
                    <td className="px-3 py-2.5 text-right">
                      <ClearOverrideButton clientId={o.clientId} clientName={o.clientName} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </DemoCard>
    </div>
  );
}
