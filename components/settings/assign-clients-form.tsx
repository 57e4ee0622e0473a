"use client";

import { useActionState } from "react";
import { assignClientsAction } from "@/app/(app)/settings/actions";
import { formValues } from "@/components/clients/use-form-values";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { IDLE } from "@/lib/forms/action-state";
import { StylistOptions } from "@/components/clients/stylist-options";

export function AssignClientsForm({ stylists }: { stylists: { id: string; name: string }[] }) {
  const [state, action, pending] = useActionState(assignClientsAction, IDLE);
  const f = formValues(state, {});
  return (
    <form action={action} className="space-y-4" noValidate key={state.status === "success" ? state.message : f.key}>
      <FormAlert state={state} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="assign-from" label="Move clients of" error={f.error("from")}>
          <Select id="assign-from" name="from" defaultValue={f.value("from")}>
            <option value="">Choose…</option>
            <option value="unassigned">Unassigned clients</option>
            <StylistOptions stylists={stylists} />
          </Select>
        </Field>
        <Field id="assign-search" label="Only those matching (optional)" hint="Name or email contains">
          <Input id="assign-search" name="search" defaultValue={f.value("search")} />
        </Field>
        <Field id="assign-to" label="To stylist" error={f.error("to")}>
          <Select id="assign-to" name="to" defaultValue={f.value("to")}>
            <option value="">Choose…</option>
            <StylistOptions stylists={stylists} />
          </Select>
        </Field>
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Moving…" : "Move clients"}
      </Button>
    </form>
  );
}
