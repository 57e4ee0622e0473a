"use client";

import { useActionState } from "react";
import { sendMagicLinkAction } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { IDLE } from "@/lib/forms/action-state";

export function MagicLinkForm({ next }: { next?: string }) {
  const [state, action, pending] = useActionState(sendMagicLinkAction, IDLE);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next ?? ""} />
      <p className="text-sm font-medium text-stone-800">Or get a sign-in link by email</p>
      {state.status === "success" ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200">
          {state.message}
        </p>
      ) : null}
      <Field id="magic-email" label="Work email" error={state.status === "error" ? state.fieldErrors.email?.[0] : undefined}>
        <Input id="magic-email" name="email" type="email" autoComplete="email" />
      </Field>
      <Button type="submit" variant="secondary" className="w-full" disabled={pending}>
        {pending ? "Sending…" : "Email me a link"}
      </Button>
    </form>
  );
}
