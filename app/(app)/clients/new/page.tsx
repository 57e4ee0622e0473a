import type { Metadata } from "next";
import { ClientForm } from "@/components/clients/client-form";
import { NEW_CLIENT_DEFAULTS } from "@/components/clients/client-form-defaults";
import { timeZoneChoices } from "@/lib/domain/time/time-zones";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/domain/access/policy";
import { requirePageContext } from "@/lib/server/auth/session";
import { listStylists } from "@/lib/server/data/users";

export const metadata: Metadata = { title: "New client" };

export default async function NewClientPage() {
  const ctx = await requirePageContext("clients.create");
  const canAssign = can(ctx.actor, "clients.assign");
  const stylists = canAssign ? await listStylists(ctx) : [];
  return (
    <>
      <PageHeader title="New client" description="Add someone you style. Orders can be added from their page once they exist." />
      <Card className="p-5 sm:p-8">
        <ClientForm defaults={NEW_CLIENT_DEFAULTS} stylists={stylists} canAssign={canAssign} timeZones={timeZoneChoices()} />
      </Card>
    </>
  );
}
