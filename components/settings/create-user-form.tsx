"use client";

import { useActionState } from "react";
import { createUserAction } from "@/app/(app)/settings/actions";
import { formValues } from "@/components/clients/use-form-values";
import { Button } from "@/components/ui/button";
import { errorProps, Field, Input, Select } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { IDLE } from "@/lib/forms/action-state";

/** `passwordRequired` while email sign-in links are off: a person without a password could not sign in. */
export function CreateUserForm({ passwordRequired }: { passwordRequired: boolean }) {
  const [state, action, pending] = useActionState(createUserAction, IDLE);
  const f = formValues(state, { role: "stylist" });
  return (
    <form action={action} className="space-y-4" noValidate key={state.status === "success" ? state.message : f.key}>
      <FormAlert state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="user-name" label="Name" error={f.error("name")}>
          <Input id="user-name" name="name" defaultValue={f.value("name")} {...errorProps("user-name", f.error("name"))} />
        </Field>
        <Field id="user-email" label="Email" error={f.error("email")}>
          <Input id="user-email" name="email" type="email" defaultValue={f.value("email")} {...errorProps("user-email", f.error("email"))} />
        </Field>
        <Field id="user-role" label="Role" error={f.error("role")}>
          <Select id="user-role" name="role" defaultValue={f.value("role")}>
            <option value="stylist">Stylist — their own clients</option>
            <option value="marketer">Marketer — all clients, reviews, analytics</option>
            <option value="admin">Admin — everything</option>
          </Select>
        </Field>
        <Field
          id="user-password"
          label={passwordRequired ? "Password" : "Password (optional)"}
          hint={passwordRequired ? "At least 12 characters. Give it to them in person; they can sign in with it at once." : "At least 12 characters. Leave empty and they sign in with a link sent to their email."}
          error={f.error("password")}
        >
          <Input id="user-password" name="password" type="password" autoComplete="new-password" required={passwordRequired} {...errorProps("user-password", f.error("password"))} />
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add user"}
      </Button>
    </form>
  );
}
