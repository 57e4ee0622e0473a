"use client";

import { discardEmailAction } from "@/app/(app)/emails/actions";
import { formValues } from "@/components/clients/use-form-values";
import { Button } from "@/components/ui/button";
import { errorProps, Field, Input } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { useAnsweredAction } from "@/components/ui/toast";

/**
 * Discards the email with a reason. Its success removes the form (a discarded email has nothing to decide): told as it
 * arrives. `shownAt`: the email's updatedAt as the page showed it, so a discard never lands on an email changed since.
 */
export function DiscardForm({ emailId, shownAt }: { emailId: string; shownAt: string }) {
  const { state, formAction, onSubmit, pending } = useAnsweredAction(discardEmailAction);
  const f = formValues(state, { reason: "" });
  return (
    <form action={formAction} onSubmit={onSubmit} className="min-w-64 flex-1 space-y-3" noValidate key={f.key}>
      <input type="hidden" name="emailId" value={emailId} />
      <input type="hidden" name="shownAt" value={shownAt} />
      <Field id="reason" label="Reason for discarding" error={f.error("reason")}>
        <Input id="reason" name="reason" defaultValue={f.value("reason")} placeholder="e.g. Client called us yesterday" {...errorProps("reason", f.error("reason"))} />
      </Field>
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? "Discarding…" : "Discard"}
      </Button>
      {state.status === "error" ? <FormAlert state={state} /> : null}
    </form>
  );
}
