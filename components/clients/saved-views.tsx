"use client";

import type { Route } from "next";
import Link from "next/link";
import { useActionState } from "react";
import { deleteViewAction, saveViewAction } from "@/app/(app)/clients/actions";
import { formValues } from "@/components/clients/use-form-values";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { useAnsweredAction } from "@/components/ui/toast";
import { IDLE } from "@/lib/forms/action-state";

type View = { id: string; name: string; query: string };

function DeleteView({ view }: { view: View }) {
  const { state, formAction, onSubmit, pending } = useAnsweredAction(deleteViewAction);
  return (
    <form action={formAction} onSubmit={onSubmit} className="flex items-center gap-1">
      {state.status === "error" ? (
        <span role="alert" className="text-xs text-red-700">
          {state.message}
        </span>
      ) : null}
      <input type="hidden" name="viewId" value={view.id} />
      <button type="submit" disabled={pending} className="rounded px-1.5 py-0.5 text-sm text-stone-500 hover:text-red-700 focus-visible:outline-2 focus-visible:outline-ember-500" aria-label={`Delete view ${view.name}`}>
        ×
      </button>
    </form>
  );
}

/** The user's saved views beside the list, and a form that saves the view on screen under a name. */
export function SavedViews({ views, current }: { views: View[]; current: string }) {
  const [state, action, pending] = useActionState(saveViewAction, IDLE);
  const f = formValues(state, {});
  return (
    <nav aria-label="Saved views" className="space-y-3">
      <h2 className="text-sm font-semibold text-stone-800">Saved views</h2>
      {views.length === 0 ? <p className="text-xs text-stone-500">None yet: set filters, then save them here.</p> : null}
      <ul className="space-y-1">
        {views.map((view) => (
          <li key={view.id} className="flex items-center justify-between gap-2">
            <Link
              href={(view.query ? `/clients?${view.query}` : "/clients") as Route}
              aria-current={view.query === current ? "page" : undefined}
              className="truncate rounded px-2 py-1 text-sm text-stone-700 hover:bg-stone-100 aria-[current=page]:bg-ember-50 aria-[current=page]:font-medium aria-[current=page]:text-ember-800"
            >
              {view.name}
            </Link>
            <DeleteView view={view} />
          </li>
        ))}
      </ul>
      <form action={action} className="space-y-2" noValidate key={state.status === "success" ? state.message : f.key}>
        <FormAlert state={state} />
        <input type="hidden" name="query" value={current} />
        <label htmlFor="view-name" className="block text-xs font-medium text-stone-600">
          Save this view as
        </label>
        <Input id="view-name" name="name" maxLength={60} defaultValue={f.value("name")} placeholder="e.g. Newly at risk" aria-invalid={f.error("name") ? true : undefined} />
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Saving…" : "Save view"}
        </Button>
      </form>
    </nav>
  );
}
