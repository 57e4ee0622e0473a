import type { Metadata } from "next";
import { EngagementSettingsForm } from "@/components/settings/engagement-settings-form";
import { Card } from "@/components/ui/card";
import { requirePageContext } from "@/lib/server/auth/session";
import { readSettings } from "@/lib/server/data/settings";

export const metadata: Metadata = { title: "Engagement settings" };

export default async function EngagementSettingsPage() {
  const ctx = await requirePageContext("settings.manage");
  const s = await readSettings(ctx.db, "engagement");
  const defaults = {
    "weights.recency": String(s.weights.recency),
    "weights.frequency": String(s.weights.frequency),
    "weights.value": String(s.weights.value),
    "weights.keepRate": String(s.weights.keepRate),
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
