"use client";

import { useActionState } from "react";
import { updateScoringScheduleAction } from "@/app/(app)/settings/actions";
import { formValues } from "@/components/clients/use-form-values";
import { Button } from "@/components/ui/button";
import { errorProps, Field, Select } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { IDLE } from "@/lib/forms/action-state";

const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** The hour (UTC) of the nightly full rescoring, or off. */
export function ScoringScheduleForm({ nightlyHourUtc }: { nightlyHourUtc: number | null }) {
  const [state, action, pending] = useActionState(updateScoringScheduleAction, IDLE);
  const f = formValues(state, { nightlyHourUtc: nightlyHourUtc === null ? "off" : String(nightlyHourUtc) });
  return (
    <form action={action} className="space-y-3" noValidate key={f.key}>
      <FormAlert state={state} />
      <div className="flex flex-wrap items-end gap-4">
      <Field id="nightlyHourUtc" label="Nightly full rescoring" hint="Hour of the day, UTC" error={f.error("nightlyHourUtc")} className="w-56">
        <Select id="nightlyHourUtc" name="nightlyHourUtc" defaultValue={f.value("nightlyHourUtc")} {...errorProps("nightlyHourUtc", f.error("nightlyHourUtc"))}>
          <option value="off">Off</option>
          {HOURS.map((h) => (
            <option key={h} value={String(h)}>
              {String(h).padStart(2, "0")}:00 UTC
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save schedule"}
      </Button>
      </div>
    </form>
  );
}
