"use client";

import { useActionState, useRef } from "react";
import { editEmailAction } from "@/app/(app)/emails/actions";
import { formValues } from "@/components/clients/use-form-values";
import { Button } from "@/components/ui/button";
import { errorProps, Field, Input, Textarea } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { IDLE } from "@/lib/forms/action-state";
import { useUnsavedEditsGuard } from "./unsaved-edits";

export type EditableEmail = { subject: string; preheader: string; body: string; callToAction: string };

/**
 * The draft's words, editable. Controlled from outside while a draft streams in (`live`), then the stylist's to change.
 * `approvable`: a draft, so the form also offers Approve, which saves the fields first (approving never sends older
 * words than the ones on screen).
 */
export function EmailEditor({
  emailId,
  shownAt,
  saved,
  live,
  disabled,
  approvable = false,
  approved = false,
}: {
  emailId: string | null;
  /** The email's updatedAt as the page showed it: a save or an approval never lands on an email changed since. */
  shownAt: string | null;
  saved: EditableEmail;
  live?: EditableEmail | null;
  disabled?: boolean;
  approvable?: boolean;
  /** Approved or scheduled: saving an edit takes it back to draft, to be approved again, and the button says so. */
  approved?: boolean;
}) {
  const [state, action, pending] = useActionState(editEmailAction, IDLE);
  const f = formValues(state, saved);
  const form = useRef<HTMLFormElement>(null);
  // Not while a draft streams in (nothing typed yet) or a save is on its way (its words are about to be the saved ones).
  useUnsavedEditsGuard(form, saved, !live && !pending && Boolean(emailId));
  const field = (name: keyof EditableEmail, label: string, multiline = false) => {
    const props = { id: name, name, ...errorProps(name, f.error(name)), ...(live ? { value: live[name], readOnly: true } : { defaultValue: f.value(name) }) };
    return (
      <Field id={name} label={label} error={f.error(name)}>
        {multiline ? <Textarea rows={10} {...props} /> : <Input {...props} />}
      </Field>
    );
  };
  return (
    <form ref={form} action={action} className="space-y-4" noValidate key={live ? "live" : `${f.key}-${emailId}`}>
      <FormAlert state={state} />
      {emailId ? <input type="hidden" name="emailId" value={emailId} /> : null}
      {shownAt ? <input type="hidden" name="shownAt" value={shownAt} /> : null}
      {field("subject", "Subject")}
      {field("preheader", "Preheader")}
      {field("body", "Body (blank line between paragraphs)", true)}
      {field("callToAction", "Button label")}
      {/* Save draft first: Enter in a field submits with the first button, and Enter must never approve. */}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="intent" value="save" variant={approvable ? "secondary" : "primary"} disabled={pending || disabled || !emailId}>
          {pending ? "Saving…" : approved ? "Save, back to draft" : "Save draft"}
        </Button>
        {approvable ? (
          <Button type="submit" name="intent" value="approve" disabled={pending || disabled || !emailId}>
            {pending ? "Saving…" : "Approve"}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
