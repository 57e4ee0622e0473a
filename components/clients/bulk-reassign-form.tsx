"use client";

import { useActionState, useMemo } from "react";
import { reassignClientsAction } from "@/app/(app)/clients/actions";
import { StylistOptions } from "@/components/clients/stylist-options";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { IDLE, toldByField } from "@/lib/forms/action-state";
import { BULK_FORM_ID } from "./bulk-form-id";


/**
 * Reassign the ticked clients, or every client the filters match, to a stylist. A plain form post: it works before
 * (or without) scripts, and the checkboxes in the table join it through their form attribute.
 */
export function BulkReassignForm({ stylists, filters, filtered }: { stylists: { id: string; name: string }[]; filters: string; filtered: boolean }) {
  const [state, action, pending] = useActionState(reassignClientsAction, IDLE);
  // The same object while the answer is the same, so the alert does not take focus again on every render.
  const shown = useMemo(() => toldByField(state, ["clientIds", "to", "scope"]), [state]);
  return (
    <form id={BULK_FORM_ID} action={action} className="space-y-2 border-b border-stone-100 px-4 py-3" noValidate>
      <FormAlert state={shown} />
      <input type="hidden" name="filters" value={filters} />
      <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-stone-800">
        <legend className="sr-only">Reassign clients</legend>
        <span className="font-medium">Reassign</span>
        <label className="flex items-center gap-1.5">
          <input type="radio" name="scope" value="selected" defaultChecked className="accent-ember-600" />
          the ticked clients
        </label>
        <label className="flex items-center gap-1.5">
          <input type="radio" name="scope" value="filtered" className="accent-ember-600" />
          {filtered ? "every client matching the filters" : "every client"}
        </label>
        <label htmlFor="bulk-to" className="sr-only">
          To stylist
        </label>
        <Select id="bulk-to" name="to" defaultValue="" className="w-full sm:w-56">
          <option value="">to stylist…</option>
          <StylistOptions stylists={stylists} />
        </Select>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Moving…" : "Reassign"}
        </Button>
      </fieldset>
    </form>
  );
}
