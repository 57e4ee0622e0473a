"use client";

import { useActionState, useId } from "react";
import { formValues } from "@/components/clients/use-form-values";
import { Button } from "@/components/ui/button";
import { errorProps, Field, Input, Select } from "@/components/ui/field";
import { FoldedForm } from "@/components/ui/folded-form";
import { FormAlert } from "@/components/ui/form-alert";
import { type FormActionFn, IDLE } from "@/lib/forms/action-state";
import { CONTACT_CHANNEL_LABELS, CONTACT_CHANNELS, MAX_CONTACT_NOTE } from "@/lib/domain/today/contact-input";

/**
 * Records a call, a text or a visit (for a client who gave no email consent, say), so Today counts it as contact;
 * folded away until asked for. The page hands in its own action: Today's returns to the list, the client page's stays.
 * `popover`: opened over the page, in a row of buttons (see FoldedForm).
 */
export function LogContactForm({ clientId, clientName, action: logContact, popover = false }: { clientId: string; clientName: string; action: FormActionFn; popover?: boolean }) {
  const [state, action, pending] = useActionState(logContact, IDLE);
  const f = formValues(state, { channel: "phone", note: "" });
  const id = useId();
  return (
    <FoldedForm label="Log contact" labelFor={`with ${clientName}`} group={clientId} state={state} popover={popover}>
      <form action={action} className="mt-3 space-y-3" noValidate key={f.key}>
        <FormAlert state={state} announce />
        <input type="hidden" name="clientId" value={clientId} />
        <Field id={`${id}-channel`} label="How" error={f.error("channel")}>
          <Select id={`${id}-channel`} name="channel" defaultValue={f.value("channel")} {...errorProps(`${id}-channel`, f.error("channel"))}>
            {CONTACT_CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {CONTACT_CHANNEL_LABELS[channel]}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={`${id}-note`} label="Note (optional)" error={f.error("note")} hint="e.g. Spoke on the phone, she will book after her trip">
          <Input id={`${id}-note`} name="note" defaultValue={f.value("note")} maxLength={MAX_CONTACT_NOTE} {...errorProps(`${id}-note`, f.error("note"))} />
        </Field>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Logging…" : "Log contact"}
        </Button>
      </form>
    </FoldedForm>
  );
}
