import type { Metadata } from "next";
import { EngagementSettingsForm } from "@/components/settings/engagement-settings-form";
import { Card } from "@/components/ui/card";
import { requirePageContext } from "@/lib/server/auth/session";
import { readSettings } from "@/lib/server/data/settings";

export const metadata: Metadata = { title: "Engagement settings" };

/** Stored weights are fractions of 1; the form shows percent, as typed. */
const percent = (fraction: number) => String(Number((fraction * 100).toFixed(2)));

export default async function EngagementSettingsPage() {
  const ctx = await requirePageContext("settings.manage");
  const s = await readSettings(ctx.db, "engagement");
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
      <EngagementSettingsForm defaults={defaults} />
    </Card>
  );
}
