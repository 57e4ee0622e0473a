import type { Metadata } from "next";
import Link from "next/link";
import { ClientForm } from "@/components/clients/client-form";
import { clientFormDefaults } from "@/components/clients/client-form-defaults";
import { timeZoneChoices } from "@/lib/domain/time/time-zones";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/domain/access/policy";
import { requirePageContext } from "@/lib/server/auth/session";
import { getClientOrNotFound } from "@/lib/server/data/page-loaders";
import { listStylists } from "@/lib/server/data/users";

export const metadata: Metadata = { title: "Edit client" };

export default async function EditClientPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageContext("clients.update");
  const client = await getClientOrNotFound(ctx, (await params).id);
  const canAssign = can(ctx.actor, "clients.assign");
  const stylists = canAssign ? await listStylists(ctx) : [];
  return (
    <>
      <PageHeader
        eyebrow={<Link href={`/clients/${client.id}`} className="hover:underline">← {client.name}</Link>}
        title={`Edit ${client.name}`}
      />
      <Card className="p-5 sm:p-8">
        <ClientForm clientId={client.id} defaults={clientFormDefaults(client)} stylists={stylists} canAssign={canAssign} timeZones={timeZoneChoices(client.timezone)} />
      </Card>
    </>
  );
}
