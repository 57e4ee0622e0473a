import type { Metadata } from "next";
import { learnedWeightsText } from "@/lib/domain/engagement/weights-in-use";
import { ScoringRunPanel } from "@/components/settings/scoring-run-panel";
import { ScoringScheduleForm } from "@/components/settings/scoring-schedule-form";
import { Card, CardHeader } from "@/components/ui/card";
import { formatDate, formatNumber } from "@/components/ui/format";
import { MODEL_FIT_SAMPLE } from "@/lib/domain/engagement/fit-sample";
import { MODEL_REUSE_DAYS } from "@/lib/domain/engagement/model-reuse";
import { readModel } from "@/lib/domain/engagement/run-summary";
import { requirePageContext } from "@/lib/server/auth/session";
import { displayTimeZone } from "@/lib/server/http/viewer-time-zone";
import { getCurrentModelFit, getLatestScoringRun, nextRunOutreachNoticeFor } from "@/lib/server/data/scoring-runs";
import { readSettings } from "@/lib/server/data/settings";

export const metadata: Metadata = { title: "Scoring" };

const PARAMS = [
  ["r", "r", "Purchase rate: how it varies between clients"],
  ["alpha", "α", "Purchase rate: scale, in weeks"],
  ["a", "a", "Dropout after an order: first shape"],
  ["b", "b", "Dropout after an order: second shape"],
] as const;

export default async function ScoringSettingsPage() {
  const ctx = await requirePageContext("settings.manage");
  const [run, model, schedule, zone, notice] = await Promise.all([
    getLatestScoringRun(ctx),
    getCurrentModelFit(ctx),
    readSettings(ctx.db, "scoring_schedule"),
    displayTimeZone(),
    nextRunOutreachNoticeFor(ctx),
  ]);
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="Full rescoring" description="A client is rescored whenever their orders change. A full run also lets time pass for everyone: recency drops as days go by without an order." />
        <div className="space-y-6 p-5">
          <ScoringRunPanel initial={run} outreachNotice={notice} />
          <div className="border-t border-stone-100 pt-5">
            <ScoringScheduleForm nightlyHourUtc={schedule.nightlyHourUtc} />
          </div>
        </div>
      </Card>
      <Card>
        <CardHeader
          title="Churn model"
          description={`MBG/NBD, fitted on the clients' order histories (in a larger shop, a random sample of about ${formatNumber(MODEL_FIT_SAMPLE)}): any client, one-order clients too, may have lapsed. It gives P(alive) and the chance of an order in the next 90 days. With each fit, the score's weights are learned from who ordered in the 90 days before it. A rescoring started here always refits; the nightly runs reuse the model until it is ${MODEL_REUSE_DAYS} days old, or the engagement settings are saved or an import finishes.`}
        />
        {model ? (
          <div className="space-y-4 p-5">
            <p className="text-sm text-stone-600">
              Fitted {formatDate(model.fittedAt, zone)} on {formatNumber(model.customers)} clients with orders
              {model.distinctHistories ? ` (${formatNumber(model.distinctHistories)} distinct histories)` : ""}, as of {formatDate(model.asOf, zone)}.
            </p>
            <ul className="space-y-1 text-sm text-stone-800" data-testid="model-reading">
              <li>{readModel(model.params).purchase}</li>
              <li>{readModel(model.params).dropout}</li>
            </ul>
            <dl className="grid gap-4 sm:grid-cols-4">
              {PARAMS.map(([key, symbol, hint]) => (
                <div key={key}>
                  <dt className="text-xs text-stone-500">{hint}</dt>
                  <dd className="mt-0.5 font-mono text-sm text-stone-900">
                    {symbol} = {model.params[key].toPrecision(4)}
                  </dd>
                </div>
              ))}
            </dl>
            <p className="text-sm text-stone-600" data-testid="score-weights">
              {model.engagement.weights
                ? `Score weights learned on the shop's history: ${learnedWeightsText(model.engagement.weights)}.`
                : "Too little history before this run to learn the score's weights: the weights in the engagement settings apply."}
            </p>
          </div>
        ) : (
          <p className="p-5 text-sm text-stone-500">Not fitted yet. Run a full rescoring to fit it; until then scores leave out P(alive).</p>
        )}
      </Card>
    </div>
  );
}
