"use client";

import { useActionState } from "react";
import { updateShopifySettingsAction } from "@/app/(app)/settings/actions";
import { formValues } from "@/components/clients/use-form-values";
import { Button } from "@/components/ui/button";
import { errorProps, Field, Input } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { IDLE } from "@/lib/forms/action-state";

export function ShopifySettingsForm({ shopDomain, hasSecret }: { shopDomain: string; hasSecret: boolean }) {
  const [state, action, pending] = useActionState(updateShopifySettingsAction, IDLE);
  const f = formValues(state, { shopDomain });
  return (
    <form action={action} className="space-y-5" noValidate key={f.key}>
      <FormAlert state={state} />
      <div className="grid gap-5 sm:grid-cols-2">
        <Field id="shopDomain" label="Shop domain" hint="Only webhooks from this shop are accepted; leave empty to accept any shop signed with the secret" error={f.error("shopDomain")}>
          <Input id="shopDomain" name="shopDomain" placeholder="acme.myshopify.com" defaultValue={f.value("shopDomain")} {...errorProps("shopDomain", f.error("shopDomain"))} />
        </Field>
        <Field id="webhookSecret" label="Webhook signing secret" hint={hasSecret ? "Saved. Type a new one to replace it." : "From the shop's Settings → Notifications → Webhooks, or your app's client secret"} error={f.error("webhookSecret")}>
          <Input id="webhookSecret" name="webhookSecret" type="password" autoComplete="off" placeholder={hasSecret ? "••••••••" : ""} {...errorProps("webhookSecret", f.error("webhookSecret"))} />
        </Field>
      </div>
      {hasSecret ? (
        <label className="flex items-center gap-2 text-sm text-stone-700">
          <input type="checkbox" name="clearSecret" className="size-4 accent-ember-600" /> Remove the saved secret (Shopify webhooks are then refused unless SHOPIFY_WEBHOOK_SECRET is set)
        </label>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save Shopify connection"}
      </Button>
    </form>
  );
}
