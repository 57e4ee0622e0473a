import { buttonClass } from "@/components/ui/button";
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { ShopifySettingsForm } from "@/components/settings/shopify-settings-form";
import { WebhookReceiptItem } from "@/components/settings/webhook-receipt-row";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { env } from "@/lib/env";
import { requirePageContext } from "@/lib/server/auth/session";
import { listWebhookReceipts } from "@/lib/server/data/webhook-receipts";
import { shopifyConfig } from "@/lib/server/ingest/shopify-config";

export const metadata: Metadata = { title: "Webhooks" };

const webhooksParams = z.object({ problems: z.literal("1").optional().catch(undefined) });

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<{ problems?: string }> }) {
  const ctx = await requirePageContext("settings.manage");
  const problemsOnly = webhooksParams.parse(await searchParams).problems === "1";
  const [receipts, shopify] = await Promise.all([listWebhookReceipts(ctx, { problemsOnly }), shopifyConfig()]);
  const filterClass = "rounded-md px-2 py-1 text-sm font-medium";
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="Shopify" description={`Point the orders/create, orders/updated and customers/update webhooks at ${env.APP_URL}/api/webhooks/shopify (JSON format).`} />
        <div className="p-5">
          <ShopifySettingsForm shopDomain={shopify.shopDomain} hasSecret={shopify.secretFrom === "settings"} />
          {shopify.secretFrom === "environment" ? <p className="mt-3 text-xs text-stone-500">Using SHOPIFY_WEBHOOK_SECRET from the environment until a secret is saved here.</p> : null}
        </div>
      </Card>
      <Card>
        <CardHeader
          title="Recent deliveries"
          description="Every authenticated webhook delivery with what became of it. Order systems sign each delivery with a key from API keys, as the README explains."
          action={
            <nav className="flex gap-1" aria-label="Filter deliveries">
              <Link href="/settings/webhooks" className={`${filterClass} ${problemsOnly ? "text-stone-600" : "bg-stone-100 text-stone-900"}`}>
                All
              </Link>
              <Link href="/settings/webhooks?problems=1" className={`${filterClass} ${problemsOnly ? "bg-stone-100 text-stone-900" : "text-stone-600"}`}>
                With problems
              </Link>
            </nav>
          }
        />
        {receipts.length === 0 ? (
          <EmptyState
            title="No deliveries yet"
            description="Deliveries appear here as soon as an order system or Shopify sends one. To connect an order system, create an API key for it; for Shopify, save its webhook secret above."
            action={
              <Link className={buttonClass("secondary")} href="/settings/api-keys">
                Create an API key
              </Link>
            }
          />
        ) : (
          <ol className="divide-y divide-stone-100" data-testid="webhook-receipts">
            {receipts.map((receipt) => (
              <WebhookReceiptItem key={receipt.id} receipt={receipt} />
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
