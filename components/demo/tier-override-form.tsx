"use client";

import { useActionState, useId } from "react";
import { overrideClientTierAction } from "@/app/(app)/settings/demo/actions";
import { formValues } from "@/components/clients/use-form-values";
import { TIER_LABELS } from "@/components/engagement/tier-badge";
import { Button } from "@/components/ui/button";
import { errorProps, Field, Select } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { TIER_OVERRIDE_DAY_CHOICES } from "@/lib/domain/demo-controls/inputs";
import { ENGAGEMENT_TIERS } from "@/lib/domain/engagement/tiers";
import { IDLE } from "@/lib/forms/action-state";

/** Admin only, on a client's page: show this client in another tier for some days, as a demo. */
export function TierOverrideForm({ clientId }: { clientId: string }) {
  const [state, action, pending] = useActionState(overrideClientTierAction, IDLE);
  const f = formValues(state, { tier: "at_risk", days: "7" });
  const id = useId();
  return (
    <form action={action} className="space-y-3" noValidate key={f.key}>
      <FormAlert state={state} />
      {f.error("clientId") ? <p className="text-sm text-red-700">{f.error("clientId")}</p> : null}
      <input type="hidden" name="clientId" value={clientId} />
      <div className="grid grid-cols-2 gap-3">
        <Field id={`${id}-tier`} label="Show as" error={f.error("tier")}>
          <Select id={`${id}-tier`} name="tier" defaultValue={f.value("tier")} {...errorProps(`${id}-tier`, f.error("tier"))}>
            {ENGAGEMENT_TIERS.map((tier) => (
              <option key={tier} value={tier}>
                {TIER_LABELS[tier]}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={`${id}-days`} label="For" error={f.error("days")}>
          <Select id={`${id}-days`} name="days" defaultValue={f.value("days")} {...errorProps(`${id}-days`, f.error("days"))}>
            {TIER_OVERRIDE_DAY_CHOICES.map((days) => (
              <option key={days} value={days}>
                {days} {days === 1 ? "day" : "days"}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Overriding…" : "Override tier"}
      </Button>
    </form>
  );
}
