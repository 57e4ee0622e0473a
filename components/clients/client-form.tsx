"use client";

import Link from "next/link";
import { useActionState } from "react";
import { createClientAction, updateClientAction } from "@/app/(app)/clients/actions";
import { Button, buttonClass } from "@/components/ui/button";
import { errorProps, Field, Input, Select, Textarea } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { BUDGET_BANDS, BUDGET_LABELS, STYLE_OPTIONS } from "@/lib/domain/clients/client-input";
import { IDLE } from "@/lib/forms/action-state";
import { formValues } from "./use-form-values";
import { StylistOptions } from "@/components/clients/stylist-options";

export type ClientFormDefaults = Record<string, string | string[] | undefined>;

export function ClientForm({
  clientId,
  defaults,
  stylists,
  canAssign,
  timeZones,
}: {
  clientId?: string;
  defaults: ClientFormDefaults;
  stylists: { id: string; name: string }[];
  canAssign: boolean;
  timeZones: string[];
}) {
  const [state, action, pending] = useActionState(clientId ? updateClientAction : createClientAction, IDLE);
  const f = formValues(state, defaults);
  const text = (name: string, label: string, props: React.ComponentProps<"input"> = {}, hint?: string) => (
    <Field id={name} label={label} error={f.error(name)} hint={hint}>
      <Input id={name} name={name} defaultValue={f.value(name)} {...errorProps(name, f.error(name))} {...props} />
    </Field>
  );
  return (
    <form action={action} className="space-y-8" noValidate key={f.key}>
      {clientId ? <input type="hidden" name="clientId" value={clientId} /> : null}
      <FormAlert state={state} />
      <fieldset className="grid gap-5 sm:grid-cols-2">
        <legend className="mb-4 text-sm font-semibold text-stone-900">Contact</legend>
        {text("name", "Full name", { autoComplete: "off", required: true })}
        {text("email", "Email", { type: "email", autoComplete: "off", required: true })}
        <Field id="timezone" label="Time zone" error={f.error("timezone")} hint="Emails are timed to the client's local morning.">
          <Select id="timezone" name="timezone" defaultValue={f.value("timezone") || "UTC"} {...errorProps("timezone", f.error("timezone"))}>
            {timeZones.map((tz) => (
              <option key={tz} value={tz}>
                {tz.replaceAll("_", " ")}
              </option>
            ))}
          </Select>
        </Field>
        {canAssign ? (
          <Field id="stylistId" label="Stylist" error={f.error("stylistId")}>
            <Select id="stylistId" name="stylistId" defaultValue={f.value("stylistId")} {...errorProps("stylistId", f.error("stylistId"))}>
              <option value="">Unassigned</option>
              <StylistOptions stylists={stylists} />
            </Select>
          </Field>
        ) : null}
        <div className="sm:col-span-2">
          <label className="flex items-start gap-3 text-sm text-stone-800">
            <input type="checkbox" name="marketingConsent" defaultChecked={f.checked("marketingConsent")} className="mt-0.5 size-4 rounded border-stone-300 accent-ember-600" />
            <span>
              <span className="font-medium">Agreed to marketing email</span>
              <span className="block text-xs text-stone-500">Win-back emails go only to clients who agreed.</span>
            </span>
          </label>
        </div>
      </fieldset>
      <div className="border-t border-stone-100 pt-6">
        <fieldset className="grid gap-5 sm:grid-cols-4">
        <legend className="mb-4 text-sm font-semibold text-stone-900">Sizes</legend>
        {text("sizes.top", "Top", { placeholder: "M" })}
        {text("sizes.bottom", "Bottom", { placeholder: "28" })}
        {text("sizes.dress", "Dress", { placeholder: "8" })}
        {text("sizes.shoe", "Shoe", { placeholder: "7.5" })}
      </fieldset>
</div>
      <div className="border-t border-stone-100 pt-6">
        <fieldset className="space-y-5">
        <legend className="mb-4 text-sm font-semibold text-stone-900">Style profile</legend>
        <div>
          <p className="mb-2 text-sm font-medium text-stone-800" id="styles-label">
            Preferred styles <span className="font-normal text-stone-500">(up to 5)</span>
          </p>
          <div role="group" aria-labelledby="styles-label" className="flex flex-wrap gap-2">
            {STYLE_OPTIONS.map((style) => (
              <label key={style} className="cursor-pointer">
                <input type="checkbox" name="preferredStyles[]" value={style} defaultChecked={f.values("preferredStyles[]").includes(style)} className="peer sr-only" />
                <span className="inline-block rounded-full px-3 py-1 text-sm capitalize ring-1 ring-stone-300 peer-checked:bg-ember-50 peer-checked:text-ember-700 peer-checked:ring-ember-500 peer-focus-visible:outline-2 peer-focus-visible:outline-ember-500">
                  {style}
                </span>
              </label>
            ))}
          </div>
          {f.error("preferredStyles") ? <p className="mt-1.5 text-sm text-red-700">{f.error("preferredStyles")}</p> : null}
        </div>
        <Field id="budgetBand" label="Budget" error={f.error("budgetBand")} className="max-w-xs">
          <Select id="budgetBand" name="budgetBand" defaultValue={f.value("budgetBand")}>
            <option value="">Not known</option>
            {BUDGET_BANDS.map((band) => (
              <option key={band} value={band}>
                {BUDGET_LABELS[band]}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="notes" label="Notes" error={f.error("notes")} hint="What the stylist should remember: fit, fabrics, occasions.">
          <Textarea id="notes" name="notes" rows={4} defaultValue={f.value("notes")} {...errorProps("notes", f.error("notes"))} />
        </Field>
      </fieldset>
</div>
      <div className="flex flex-wrap gap-3 border-t border-stone-100 pt-6">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : clientId ? "Save changes" : "Create client"}
        </Button>
        <Link href={clientId ? `/clients/${clientId}` : "/clients"} className={buttonClass("ghost")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
