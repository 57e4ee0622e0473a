"use client";

import { useActionState } from "react";
import { updateEngagementSettingsAction } from "@/app/(app)/settings/actions";
import { formValues } from "@/components/clients/use-form-values";
import { Button } from "@/components/ui/button";
import { errorProps, Field, Input } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { IDLE } from "@/lib/forms/action-state";

export function EngagementSettingsForm({ defaults, weightsInUse }: { defaults: Record<string, string>; weightsInUse: string }) {
  const [state, action, pending] = useActionState(updateEngagementSettingsAction, IDLE);
  const f = formValues(state, defaults);
  const number = (name: string, label: string, hint?: string, errorName = name) => (
    <Field id={name} label={label} hint={hint} error={f.error(errorName)}>
      <Input id={name} name={name} inputMode="decimal" defaultValue={f.value(name)} {...errorProps(name, f.error(errorName))} />
    </Field>
  );
  return (
    <form action={action} className="space-y-8" noValidate key={f.key}>
      <FormAlert state={state} />
      <fieldset className="grid gap-5 sm:grid-cols-2 lg:grid-cols-4">
        <legend className="mb-1 text-sm font-semibold text-stone-900">Score weights</legend>
        <p className="text-sm text-stone-500 sm:col-span-2 lg:col-span-4">How much each part counts towards the 0–100 score, in percent; together they make 100%. Saving them has the next nightly run refit the model.</p>
        <p className="rounded-md bg-stone-50 px-3 py-2 text-sm text-stone-700 ring-1 ring-stone-200 sm:col-span-2 lg:col-span-4" data-testid="weights-in-use">
          {weightsInUse}
        </p>
        {f.error("weights") ? <p role="alert" className="text-sm text-red-700 sm:col-span-2 lg:col-span-4">{f.error("weights")}</p> : null}
        {number("weights.recency", "Recency (%)", "Days since last order against the client's own rhythm")}
        {number("weights.frequency", "Frequency (%)", "Orders in the last 12 months")}
        {number("weights.value", "Value (%)", "Average kept value per order")}
        {number("weights.keepRate", "Keep rate (%)", "Items kept of items shipped")}
      </fieldset>
      <div className="border-t border-stone-100 pt-6">
        <fieldset className="grid gap-5 sm:grid-cols-3">
        <legend className="mb-1 text-sm font-semibold text-stone-900">Tiers</legend>
        <p className="text-sm text-stone-500 sm:col-span-3">A score at or above a threshold earns that tier; below the last one a client is lapsed.</p>
        {number("tiers.healthy", "Healthy from", "0–100")}
        {number("tiers.watch", "Watch from", "Below healthy")}
        {number("tiers.atRisk", "At risk from", "Below watch")}
      </fieldset>
</div>
      <div className="border-t border-stone-100 pt-6">
        <fieldset className="grid gap-5 sm:grid-cols-3">
        <legend className="mb-1 text-sm font-semibold text-stone-900">Calibration</legend>
        {number("valueScale", "Full-value order (USD)", "Average kept value that earns a full value score", "valueScaleCents")}
        {number("priorIntervalDays", "Expected rhythm (days)", "Used for clients with fewer than two orders")}
        {number("pAliveAtRiskBelow", "At risk below P(alive)", "0–1: the churn model's chance the client is still active")}
      </fieldset>
</div>
      <div className="border-t border-stone-100 pt-6">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save engagement settings"}
        </Button>
      </div>
    </form>
  );
}
