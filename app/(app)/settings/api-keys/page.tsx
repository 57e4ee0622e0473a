import type { Metadata } from "next";
import { CreateApiKeyForm } from "@/components/settings/create-api-key-form";
import { RevokeApiKeyButton } from "@/components/settings/revoke-api-key-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatAgo, formatDate } from "@/components/ui/format";
import { requirePageContext } from "@/lib/server/auth/session";
import { displayTimeZone } from "@/lib/server/http/viewer-time-zone";
import { listApiKeys } from "@/lib/server/data/admin";

export const metadata: Metadata = { title: "API keys" };

const SCOPE_LABELS = { "ingest:all": "Orders and profiles", "orders:write": "Orders", "clients:write": "Profiles" } as const;

export default async function ApiKeysPage() {
  const ctx = await requirePageContext("apiKeys.manage");
  const [keys, zone] = await Promise.all([listApiKeys(ctx), displayTimeZone()]);
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="New key" description="For an order system sending webhooks. The key and its signing secret are shown once." />
        <div className="p-5">
          <CreateApiKeyForm />
        </div>
      </Card>
      <Card>
        <CardHeader title="Keys" />
        {keys.length === 0 ? (
          <EmptyState title="No API keys yet" description="Create one for each system that sends orders, so each can be revoked on its own." />
        ) : (
          <ul className="divide-y divide-stone-100" data-testid="api-keys-list">
            {keys.map((key) => (
              <li key={key.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2 font-medium text-stone-900">
                    {key.name} <Badge>{SCOPE_LABELS[key.scope]}</Badge>
                    {key.revokedAt ? <Badge tone="red">Revoked {formatDate(key.revokedAt, zone)}</Badge> : null}
                  </p>
                  <p className="text-sm text-stone-500">
                    <code className="font-mono text-xs">{key.prefix}_…</code> · created {formatDate(key.createdAt, zone)}
                    {key.createdBy ? ` by ${key.createdBy}` : ""} · last used {key.lastUsedAt ? formatAgo(key.lastUsedAt, new Date(), zone).toLowerCase() : "never"}
                  </p>
                </div>
                {key.revokedAt ? null : <RevokeApiKeyButton apiKeyId={key.id} name={key.name} />}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
