import { LocalTime } from "@/components/ui/local-time";
import { Badge } from "@/components/ui/badge";
import type { WebhookReceiptRow } from "@/lib/server/data/webhook-receipts";

const TONES = { accepted: "green", partial: "amber", rejected: "red", ignored: "neutral" } as const;
const SHOWN_ERRORS = 50;

export function WebhookReceiptItem({ receipt }: { receipt: WebhookReceiptRow }) {
  const { counts } = receipt;
  const summary = [
    counts.created && `${counts.created} created`,
    counts.updated && `${counts.updated} updated`,
    counts.unchanged && `${counts.unchanged} unchanged`,
    counts.rejected && `${counts.rejected} rejected`,
  ].filter(Boolean);
  return (
    <li className="px-5 py-3" data-testid="webhook-receipt">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="flex flex-wrap items-center gap-2 text-sm text-stone-900">
          <Badge tone={TONES[receipt.outcome]}>{receipt.outcome}</Badge>
          <span className="font-mono text-xs text-stone-600">
            {receipt.httpStatus} · {receipt.endpoint}
          </span>
          <span>{receipt.sender}</span>
        </p>
        <LocalTime value={receipt.receivedAt} seconds className="text-xs text-stone-500" />
      </div>
      <p className="mt-1 text-xs text-stone-500">
        {receipt.eventId ? <span className="font-mono">{receipt.eventId}</span> : "no event id"}
        {counts.received ? ` · ${counts.received} item${counts.received === 1 ? "" : "s"}` : ""}
        {summary.length ? `: ${summary.join(", ")}` : ""}
      </p>
      {receipt.errors.length ? (
        <details className="mt-2 text-xs">
          <summary className="cursor-pointer font-medium text-red-800">
            {receipt.errors.length} error{receipt.errors.length === 1 ? "" : "s"}
          </summary>
          <ul className="mt-1 space-y-0.5 rounded-lg bg-red-50 p-3 ring-1 ring-red-100">
            {receipt.errors.slice(0, SHOWN_ERRORS).map((error, i) => (
              <li key={i} className="break-all">
                <code className="font-mono text-red-900">{error.path}</code> <span className="text-stone-700">{error.message}</span>
              </li>
            ))}
            {receipt.errors.length > SHOWN_ERRORS ? <li className="text-stone-500">and {receipt.errors.length - SHOWN_ERRORS} more</li> : null}
          </ul>
        </details>
      ) : null}
    </li>
  );
}
