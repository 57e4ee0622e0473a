"use client";

import { useActionState } from "react";
import { updateEmailPolicyAction } from "@/app/(app)/settings/actions";
import { formValues } from "@/components/clients/use-form-values";
import { Button } from "@/components/ui/button";
import { errorProps, Field, Input } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { TIER_LABELS, WIN_BACK_ROUTES, WIN_BACK_TIERS } from "@/lib/domain/email/policy-settings";
import { IDLE } from "@/lib/forms/action-state";

const ROUTE_LABELS: readonly (readonly [(typeof WIN_BACK_ROUTES)[number], string])[] = [
  ["none", "No win-back email"],
  ["review", "Draft, then wait for review"],
  ["auto_send", "Send automatically"],
];

export function EmailPolicyForm({ defaults }: { defaults: Record<string, string | string[]> }) {
  const [state, action, pending] = useActionState(updateEmailPolicyAction, IDLE);
  const f = formValues(state, defaults);
  const text = (name: string, label: string, hint?: string, props: React.ComponentProps<"input"> = {}) => (
    <Field id={name} label={label} hint={hint} error={f.error(name)}>
      <Input id={name} name={name} defaultValue={f.value(name)} {...errorProps(name, f.error(name))} {...props} />
    </Field>
  );
  // One choice per tier whose clients enter win-back outreach: a tier cannot be both sent and reviewed.
  const routeChoice = (tier: (typeof WIN_BACK_TIERS)[number]) => {
    const name = `route.${tier}`;
    const error = f.error(name) ?? f.error("route");
    // The error is read with each choice as it takes focus (radios take no aria-invalid).
    return (
      <fieldset key={tier}>
        <legend className="text-sm font-medium text-stone-800">Clients entering {TIER_LABELS[tier].toLowerCase()}</legend>
        <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:gap-5">
          {ROUTE_LABELS.map(([route, label]) => (
            <label key={route} className="flex items-center gap-2 text-sm text-stone-800">
              <input
                type="radio"
                name={name}
                value={route}
                defaultChecked={f.value(name) === route}
                aria-describedby={error ? `${name}-error` : undefined}
                className="size-4 accent-ember-600"
              />
              {label}
            </label>
          ))}
        </div>
        {error ? (
          <p id={`${name}-error`} className="mt-1.5 text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </fieldset>
    );
  };
  return (
    <form action={action} className="space-y-8" noValidate key={f.key}>
      <FormAlert state={state} />
      <div className="grid gap-5 sm:grid-cols-2">
        {text("senderName", "Sender name", "Shown as the From name, e.g. your stylists' team")}
        {text("senderEmail", "Sender address", "Must be on a domain verified with Resend", { type: "email" })}
      </div>
      <div className="space-y-6 border-t border-stone-100 pt-6">
        <p className="text-sm text-stone-600">
          When a client slips into at risk or lapsed, win-back outreach drafts them an email (or holds them out, to measure what emails add). A draft to review waits for a stylist or marketer; one sent automatically goes out on its own, within the limits below.
        </p>
        {WIN_BACK_TIERS.map(routeChoice)}
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
