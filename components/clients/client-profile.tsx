import { Badge } from "@/components/ui/badge";
import { BUDGET_LABELS } from "@/lib/domain/clients/client-input";
import { formatTime } from "@/lib/domain/time/format";
import type { ClientDetail } from "@/lib/server/data/clients";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-3 py-2.5">
      <dt className="text-sm text-stone-500">{label}</dt>
      <dd className="col-span-2 text-sm text-stone-900">{children}</dd>
    </div>
  );
}

/** `now` in `zone` (the client's timezone, checked) is shown as their local time: when to call or send. */
export function ClientProfile({ client, now, zone }: { client: ClientDetail; now: Date; zone: string }) {
  const sizes = Object.entries(client.sizes).filter(([, v]) => v);
  return (
    <dl className="divide-y divide-stone-100 px-5">
      <Row label="Stylist">{client.stylistName ?? <span className="text-stone-500">Unassigned</span>}</Row>
      <Row label="Sizes">
        {sizes.length ? sizes.map(([k, v]) => `${k[0]?.toUpperCase()}${k.slice(1)} ${v}`).join(" · ") : <span className="text-stone-500">Not recorded</span>}
      </Row>
      <Row label="Styles">
        {client.preferredStyles.length ? (
          <span className="flex flex-wrap gap-1.5">
            {client.preferredStyles.map((s) => (
              <Badge key={s}>{s}</Badge>
            ))}
          </span>
        ) : (
          <span className="text-stone-500">Not recorded</span>
        )}
      </Row>
      <Row label="Budget">{client.budgetBand ? BUDGET_LABELS[client.budgetBand] : <span className="text-stone-500">Not known</span>}</Row>
      <Row label="Marketing email">{client.marketingConsent ? "Agreed" : <span className="text-amber-700">Not agreed — no win-back emails</span>}</Row>
      <Row label="Time zone">
        {zone.replaceAll("_", " ")}
        <span className="block text-xs text-stone-500" data-testid="client-local-time">
          Their time now: {formatTime(now, zone, "datetime")}
        </span>
      </Row>
      {client.notes ? <Row label="Notes"><p className="whitespace-pre-line">{client.notes}</p></Row> : null}
    </dl>
  );
}
