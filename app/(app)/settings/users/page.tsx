import type { Metadata } from "next";
import { AssignClientsForm } from "@/components/settings/assign-clients-form";
import { CreateUserForm } from "@/components/settings/create-user-form";
import { UserRowActions } from "@/components/settings/user-row-actions";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { formatNumber } from "@/components/ui/format";
import { magicLinksEnabled } from "@/lib/server/auth/magic-link";
import { requirePageContext } from "@/lib/server/auth/session";
import { listUsersWithClientCounts } from "@/lib/server/data/admin";
import { listStylists } from "@/lib/server/data/users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const ctx = await requirePageContext("users.manage");
  const [people, stylists] = await Promise.all([listUsersWithClientCounts(ctx), listStylists(ctx)]);
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="People" description="Everyone who can sign in. Deactivated people are signed out on their next click." />
        <ul className="divide-y divide-stone-100" data-testid="users-list">
          {people.map((person) => (
            <li key={person.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
              <div className="min-w-0">
                <p className="flex items-center gap-2 font-medium text-stone-900">
                  {person.name}
                  {person.deactivatedAt ? <Badge tone="red">Deactivated</Badge> : null}
                  {person.id === ctx.actor.id ? <Badge>You</Badge> : null}
                </p>
                <p className="truncate text-sm text-stone-500">
                  {person.email}
                  {person.role === "stylist" ? ` · ${formatNumber(person.clientCount)} clients` : ""}
                  {person.hasPassword ? "" : " · email link only"}
                </p>
              </div>
              <UserRowActions user={{ id: person.id, name: person.name, role: person.role, active: !person.deactivatedAt }} isSelf={person.id === ctx.actor.id} />
            </li>
          ))}
        </ul>
      </Card>
      <Card>
        <CardHeader title="Add a person" description={magicLinksEnabled() ? "They sign in with the password you set, or with a link sent to their email." : "They sign in with the password you set (sign-in links by email are off until Resend is configured)."} />
        <div className="p-5">
          <CreateUserForm passwordRequired={!magicLinksEnabled()} />
        </div>
      </Card>
      <Card>
        <CardHeader title="Reassign clients" description="Move a stylist's book, or all unassigned clients, to another stylist in one step." />
        <div className="p-5">
          <AssignClientsForm stylists={stylists} />
        </div>
      </Card>
    </div>
  );
}
