"use client";

import { useActionState } from "react";
import { updateEmailProfileAction } from "@/app/(app)/emails/actions";
import { formValues } from "@/components/clients/use-form-values";
import { Button } from "@/components/ui/button";
import { errorProps, Field, Textarea } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { IDLE } from "@/lib/forms/action-state";

/** Your own signature (under every email to your clients) and a note on your voice, which the writer follows. */
export function EmailProfileForm({ defaults }: { defaults: { emailSignature: string; voiceNote: string } }) {
  const [state, action, pending] = useActionState(updateEmailProfileAction, IDLE);
  const f = formValues(state, defaults);
  return (
    <form action={action} className="grid gap-4 p-5 sm:grid-cols-2" noValidate key={f.key}>
      <FormAlert state={state} />
      <Field id="emailSignature" label="Your signature" hint="Under every email to your clients" error={f.error("emailSignature")} className="sm:col-start-1">
        <Textarea id="emailSignature" name="emailSignature" rows={3} defaultValue={f.value("emailSignature")} {...errorProps("emailSignature", f.error("emailSignature"))} />
      </Field>
      <Field id="voiceNote" label="Your voice" hint="e.g. Playful, first names, short sentences" error={f.error("voiceNote")}>
        <Textarea id="voiceNote" name="voiceNote" rows={3} defaultValue={f.value("voiceNote")} {...errorProps("voiceNote", f.error("voiceNote"))} />
      </Field>
      <div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Saving…" : "Save signature and voice"}
        </Button>
      </div>
    </form>
  );
}
