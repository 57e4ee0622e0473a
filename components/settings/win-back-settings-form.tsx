"use client";

import { useActionState } from "react";
import { updateWinBackSettingsAction } from "@/app/(app)/settings/actions";
import { formValues } from "@/components/clients/use-form-values";
import { Button } from "@/components/ui/button";
import { errorProps, Field, Input, Textarea } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { IDLE } from "@/lib/forms/action-state";

/** Brand, voice, offers, holdout, attribution and sending: what shapes every win-back email. */
export function WinBackSettingsForm({ defaults }: { defaults: Record<string, string> }) {
  const [state, action, pending] = useActionState(updateWinBackSettingsAction, IDLE);
  const f = formValues(state, defaults);
  const text = (name: string, label: string, hint?: string, props: React.ComponentProps<"input"> = {}) => (
    <Field id={name} label={label} hint={hint} error={f.error(name)}>
      <Input id={name} name={name} defaultValue={f.value(name)} {...errorProps(name, f.error(name))} {...props} />
    </Field>
  );
  const area = (name: string, label: string, hint: string) => (
    <Field id={name} label={label} hint={hint} error={f.errorIn(name)}>
      <Textarea id={name} name={name} rows={4} defaultValue={f.value(name)} {...errorProps(name, f.errorIn(name))} />
    </Field>
  );
  return (
    <form action={action} className="space-y-8" noValidate key={f.key}>
      <div>
        <h2 className="text-base font-semibold text-stone-900">Win-back emails</h2>
        <p className="mt-0.5 text-sm text-stone-500">What the writer may say, how the emails look, and how their effect is measured.</p>
      </div>
      <FormAlert state={state} />
      <div className="grid gap-5 sm:grid-cols-3">
        {text("brandName", "Brand name")}
        {text("brandColour", "Brand colour", "Header of every email, like #7c2d12")}
        {text("accentColour", "Button colour")}
      </div>
      {text("bookingUrl", "Booking page", "Where the email's button leads", { type: "url" })}
      {area("voiceGuidelines", "Tone and style guidelines", "Given to the writer with every draft.")}
      {area("allowedOffers", "Allowed offers, one a line", "The only offers a draft may make, word for word. A draft with any other price or discount is rejected.")}
      <div className="grid gap-5 border-t border-stone-100 pt-6 sm:grid-cols-2">
        {text("holdoutShare", "Holdout share", "Share of eligible clients per tier who get no email (0.1 = 10%), to measure the effect. A change applies to clients assigned from then on; the uplift compares clients within each share.", { inputMode: "decimal" })}
        {text("attributionDays", "Attribution window (days)", "An order this long after an email or holdout counts as won back", { inputMode: "numeric" })}
        {text("sendWindowStartHour", "Send from (hour, client's time)", undefined, { inputMode: "numeric" })}
        {text("sendWindowEndHour", "Send until (hour, client's time)", undefined, { inputMode: "numeric" })}
        {text("sendRatePerSecond", "Send rate (emails a second)", "Within your Resend account's limit", { inputMode: "decimal" })}
        <input type="hidden" name="holdoutSeed" value={f.value("holdoutSeed")} />
      </div>
      <div className="border-t border-stone-100 pt-6">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save win-back settings"}
        </Button>
      </div>
    </form>
  );
}
