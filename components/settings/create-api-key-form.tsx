"use client";

import { useActionState } from "react";
import { createApiKeyAction } from "@/app/(app)/settings/actions";
import { formValues } from "@/components/clients/use-form-values";
import { Button } from "@/components/ui/button";
import { errorProps, Field, Input, Select } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { IDLE } from "@/lib/forms/action-state";

export function CreateApiKeyForm() {
  const [state, action, pending] = useActionState(createApiKeyAction, IDLE);
  const f = formValues(state, { scope: "ingest:all" });
  return (
    <div className="space-y-5">
      {state.status === "success" && state.result ? (
        <div role="status" className="space-y-3 rounded-lg bg-amber-50 p-4 ring-1 ring-amber-200">
          <p className="text-sm font-medium text-amber-900">{state.message} Copy both values now: they are not shown again.</p>
          <SecretLine label="API key" value={state.result.token} testId="new-api-key" />
          <SecretLine label="Signing secret" value={state.result.signingSecret} testId="new-signing-secret" />
        </div>
      ) : (
        <FormAlert state={state} />
      )}
      <form action={action} className="grid gap-4 sm:grid-cols-[1fr_16rem_auto] sm:items-end" noValidate key={state.status === "success" ? state.result?.token : f.key}>
        <Field id="key-name" label="Name" error={f.error("name")}>
          <Input id="key-name" name="name" placeholder="Order system (production)" defaultValue={f.value("name")} {...errorProps("key-name", f.error("name"))} />
        </Field>
        <Field id="key-scope" label="Scope" error={f.error("scope")}>
          <Select id="key-scope" name="scope" defaultValue={f.value("scope")}>
            <option value="ingest:all">Orders and client profiles</option>
            <option value="orders:write">Orders only</option>
            <option value="clients:write">Client profiles only</option>
          </Select>
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create key"}
        </Button>
      </form>
    </div>
  );
}

function SecretLine({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div>
      <p className="text-xs font-medium text-amber-900">{label}</p>
      <code data-testid={testId} className="mt-1 block overflow-x-auto rounded bg-white px-2 py-1.5 font-mono text-xs text-stone-900 ring-1 ring-amber-200 select-all">
        {value}
      </code>
    </div>
  );
}
