import "server-only";
import { desc, eq, ne } from "drizzle-orm";
import type { IngestIssue } from "@/lib/domain/ingest/issues";
import { authorize } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { apiKeys, webhookReceipts } from "@/lib/server/db/schema";

const RECEIPTS_PAGE_SIZE = 100;

/** Recent webhook deliveries, newest first, with the errors each was answered with. */
export async function listWebhookReceipts(ctx: ServiceContext, { problemsOnly = false }: { problemsOnly?: boolean } = {}) {
  authorize(ctx.actor, "settings.manage");
  const rows = await ctx.db
    .select({ receipt: webhookReceipts, keyName: apiKeys.name, keyPrefix: apiKeys.prefix })
    .from(webhookReceipts)
    .leftJoin(apiKeys, eq(apiKeys.id, webhookReceipts.apiKeyId))
    .where(problemsOnly ? ne(webhookReceipts.outcome, "accepted") : undefined)
    .orderBy(desc(webhookReceipts.receivedAt))
    .limit(RECEIPTS_PAGE_SIZE);
  return rows.map(({ receipt, keyName, keyPrefix }) => {
    const errors = (receipt.response as { errors?: IngestIssue[] } | null)?.errors ?? [];
    return {
      id: receipt.id,
      sender: receipt.sender === "shopify" ? "Shopify" : keyName ? `${keyName} (${keyPrefix}_…)` : "Deleted key",
      endpoint: receipt.endpoint,
      eventId: receipt.eventId,
      outcome: receipt.outcome,
      httpStatus: receipt.httpStatus,
      counts: { received: receipt.received, created: receipt.created, updated: receipt.updated, unchanged: receipt.unchanged, rejected: receipt.rejected },
      errors,
      receivedAt: receipt.receivedAt,
    };
  });
}

export type WebhookReceiptRow = Awaited<ReturnType<typeof listWebhookReceipts>>[number];
