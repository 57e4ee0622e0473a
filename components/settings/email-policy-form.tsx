"use client";

import { useActionState } from "react";
import { updateEmailPolicyAction } from "@/app/(app)/settings/actions";
import { formValues } from "@/components/clients/use-form-values";
import { Button } from "@/components/ui/button";
import { errorProps, Field, Input } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { RISK_TIERS, TIER_LABELS } from "@/lib/domain/email/policy-settings";
import { IDLE } from "@/lib/forms/action-state";

export function EmailPolicyForm({ defaults }: { defaults: Record<string, string | string[]> }) {
  const [state, action, pending] = useActionState(updateEmailPolicyAction, IDLE);
  const f = formValues(state, defaults);
  const text = (name: string, label: string, hint?: string, props: React.ComponentProps<"input"> = {}) => (
    <Field id={name} label={label} hint={hint} error={f.error(name)}>
      <Input id={name} name={name} defaultValue={f.value(name)} {...errorProps(name, f.error(name))} {...props} />
    </Field>
  );
  const tierBoxes = (name: "autoSendTiers" | "reviewTiers", legend: string, hint: string) => (
    <fieldset>
      <legend className="text-sm font-medium text-stone-800">{legend}</legend>
      <p className="mb-2 text-xs text-stone-500">{hint}</p>
      <div className="flex flex-wrap gap-4">
        {RISK_TIERS.map((tier) => (
          <label key={tier} className="flex items-center gap-2 text-sm text-stone-800">
            <input type="checkbox" name={`${name}[]`} value={tier} defaultChecked={f.values(`${name}[]`).includes(tier)} className="size-4 accent-ember-600" />
            {TIER_LABELS[tier]}
          </label>
        ))}
      </div>
      {f.error(name) ? <p className="mt-1.5 text-sm text-red-700">{f.error(name)}</p> : null}
    </fieldset>
  );
  return (
    <form action={action} className="space-y-8" noValidate key={f.key}>
      <FormAlert state={state} />
      <div className="grid gap-5 sm:grid-cols-2">
        {text("senderName", "Sender name", "Shown as the From name, e.g. your stylists' team")}
        {text("senderEmail", "Sender address", "Must be on a domain verified with Resend", { type: "email" })}
      </div>
      <div className="space-y-6 border-t border-stone-100 pt-6">
        {tierBoxes("reviewTiers", "Draft and wait for review", "A stylist or marketer approves each email before it goes.")}
        {tierBoxes("autoSendTiers", "Send automatically", "Drafts for these tiers go out without review, within the limits below.")}
      </div>
      <div className="grid gap-5 border-t border-stone-100 pt-6 sm:grid-cols-2">
        {text("minDaysBetweenEmails", "Minimum days between emails to one client", undefined, { inputMode: "numeric" })}
        {text("aiModel", "AI model", "OpenRouter model id that writes the drafts")}
      </div>
      <div className="border-t border-stone-100 pt-6">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save email policy"}
        </Button>
      </div>
    </form>
  );
}
