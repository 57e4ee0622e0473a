"use client";

import { useActionState, useId } from "react";
import { startDemoRescoreAction } from "@/app/(app)/settings/demo/actions";
import { formValues } from "@/components/clients/use-form-values";
import { useRefreshRunOnSuccess } from "@/components/settings/scoring-run-panel";
import { Button } from "@/components/ui/button";
import { errorProps, Field, Input } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { IDLE } from "@/lib/forms/action-state";

/** Rescore every client as of a past date, through the usual full run (its progress shows below and on Settings → Scoring). */
export function DemoRescoreForm({ today }: { today: string }) {
  const [state, action, pending] = useActionState(startDemoRescoreAction, IDLE);
  useRefreshRunOnSuccess(state.status);
  const f = formValues(state, { asOf: "" });
  const id = useId();
  return (
    <form action={action} className="space-y-3" noValidate key={f.key}>
      <FormAlert state={state} />
      <div className="flex flex-wrap items-end gap-3">
        <Field id={`${id}-asOf`} label="Score as of" error={f.error("asOf")} hint="A past date: scores use only the orders placed by then.">
          <Input id={`${id}-asOf`} name="asOf" type="date" max={today} defaultValue={f.value("asOf")} className="w-48" {...errorProps(`${id}-asOf`, f.error("asOf"))} />
        </Field>
        <Button type="submit" disabled={pending} className="mb-6">
          {pending ? "Starting…" : "Rescore as of this date"}
        </Button>
      </div>
    </form>
  );
}
