import { DemoCard } from "@/components/demo/demo-card";
import { ClearOverrideButton } from "@/components/demo/clear-override-button";
import { EffectiveTierBadge } from "@/components/demo/effective-tier-badge";
import { TierOverrideForm } from "@/components/demo/tier-override-form";
import type { TierOverride } from "@/lib/domain/demo-controls/effective-tier";
import type { EngagementTier } from "@/lib/domain/engagement";

/** The admin's demo controls on a client's page: the override in force, if any, and the form to set one. */
/** `hasOrders`: whether a rescoring would give an unscored client a tier (one with no orders keeps none). */
export function ClientDemoControls({ client, scored, hasOrders, override, zone }: { client: { id: string; name: string }; scored: EngagementTier | null; hasOrders: boolean; override: TierOverride | null; zone: string }) {
  return (
    <DemoCard title="Override tier" description="Show this client in another tier for a few days. Outreach follows as for a real change; scoring and the model never see it." testId="client-demo-controls">
      {override ? (
        <div className="mb-4 flex flex-wrap items-center justify-between gap-2 text-sm text-stone-700">
          <EffectiveTierBadge scored={scored} override={override} zone={zone} />
          <ClearOverrideButton clientId={client.id} clientName={client.name} />
        </div>
      ) : null}
      {scored ? (
        <TierOverrideForm clientId={client.id} />
      ) : (
        <p className="text-sm text-stone-600">{hasOrders ? "Not scored yet: rescore this client before overriding their tier." : "No orders yet, so no tier to override: a client is scored from their first order."}</p>
      )}
    </DemoCard>
  );
}
