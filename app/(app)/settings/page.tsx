import type { Metadata } from "next";
import { EngagementSettingsForm } from "@/components/settings/engagement-settings-form";
import { Card } from "@/components/ui/card";
import { requirePageContext } from "@/lib/server/auth/session";
import { readSettings } from "@/lib/server/data/settings";
import { getCurrentModelFit } from "@/lib/server/data/scoring-runs";
import { displayTimeZone } from "@/lib/server/http/viewer-time-zone";
import { formatDate } from "@/components/ui/format";
import { weightsInUseText } from "@/lib/domain/engagement/weights-in-use";

export const metadata: Metadata = { title: "Engagement settings" };

/** Stored weights are fractions of 1; the form shows percent, as typed. */
const percent = (fraction: number) => String(Number((fraction * 100).toFixed(2)));

export default async function EngagementSettingsPage() {
  const ctx = await requirePageContext("settings.manage");
  const [s, model, zone] = await Promise.all([readSettings(ctx.db, "engagement"), getCurrentModelFit(ctx), displayTimeZone()]);
  const weightsInUse = weightsInUseText(model && { weights: model.engagement.weights }, model ? formatDate(model.fittedAt, zone) : "");
  const defaults = {
    "weights.recency": percent(s.weights.recency),
    "weights.frequency": percent(s.weights.frequency),
    "weights.value": percent(s.weights.value),
    "weights.keepRate": percent(s.weights.keepRate),
    "tiers.healthy": String(s.tiers.healthy),
    "tiers.watch": String(s.tiers.watch),
    "tiers.atRisk": String(s.tiers.atRisk),
    valueScale: (s.valueScaleCents / 100).toFixed(2),
    priorIntervalDays: String(s.priorIntervalDays),
    pAliveAtRiskBelow: String(s.pAliveAtRiskBelow),
  };
  return (
    <Card className="p-5 sm:p-8">
      <EngagementSettingsForm defaults={defaults} weightsInUse={weightsInUse} />
    </Card>
  );
}
