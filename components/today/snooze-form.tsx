"use client";

import { useActionState, useId } from "react";
import { snoozeClientAction } from "@/app/(app)/today/actions";
import { formValues } from "@/components/clients/use-form-values";
import { Button } from "@/components/ui/button";
import { errorProps, Field, Input, Select } from "@/components/ui/field";
import { FoldedForm } from "@/components/ui/folded-form";
import { FormAlert } from "@/components/ui/form-alert";
import { IDLE } from "@/lib/forms/action-state";
import { SNOOZE_DAY_CHOICES } from "@/lib/domain/today/snooze-input";

/** Sets a client aside for some days, with a reason; folded away until asked for. */
/** `popover`: opened over the page, in a row of buttons (see FoldedForm). */
export function SnoozeForm({ clientId, clientName, popover = false }: { clientId: string; clientName: string; popover?: boolean }) {
  const [state, action, pending] = useActionState(snoozeClientAction, IDLE);
  const f = formValues(state, { days: "7", reason: "" });
  const id = useId();
  return (
    <FoldedForm label="Snooze" labelFor={clientName} group={clientId} state={state} popover={popover}>
      <form action={action} className="mt-3 space-y-3" noValidate key={f.key}>
        <FormAlert state={state} announce />
        <input type="hidden" name="clientId" value={clientId} />
        <Field id={`${id}-days`} label="For" error={f.error("days")}>
          <Select id={`${id}-days`} name="days" defaultValue={f.value("days")} {...errorProps(`${id}-days`, f.error("days"))}>
            {SNOOZE_DAY_CHOICES.map((days) => (
              <option key={days} value={days}>
                {days} days
              </option>
            ))}
          </Select>
        </Field>
        <Field id={`${id}-reason`} label="Reason" error={f.error("reason")} hint="e.g. Away until the new year">
          <Input id={`${id}-reason`} name="reason" defaultValue={f.value("reason")} maxLength={200} {...errorProps(`${id}-reason`, f.error("reason"))} />
        </Field>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Snoozing…" : "Snooze"}
        </Button>
      </form>
    </FoldedForm>
  );
}
