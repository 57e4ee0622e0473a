import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { EMAIL_STATE_LABELS, EMAIL_STATES } from "@/lib/domain/email/lifecycle";
import { RISK_TIERS, TIER_LABELS } from "@/lib/domain/email/policy-settings";
import type { QueueFilters } from "@/lib/domain/email/queue-filters";

/** A GET form: the filters live in the URL, so a filtered queue can be shared and reloaded. */
export function QueueFiltersForm({ filters, stylists }: { filters: QueueFilters; stylists: { id: string; name: string }[] }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-4 border-b border-stone-100 px-5 py-4">
      <Field id="status" label="Status">
        <Select id="status" name="status" defaultValue={filters.status}>
          <option value="pending">Waiting (draft, approved, scheduled)</option>
          <option value="all">Every status</option>
          <option value="reached_sent">Sent (and delivered, opened, …)</option>
          <option value="reached_delivered">Delivered (and opened, clicked)</option>
          <option value="reached_opened">Opened (and clicked)</option>
          {EMAIL_STATES.map((state) => (
            <option key={state} value={state}>
              {EMAIL_STATE_LABELS[state]}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="tier" label="Tier">
        <Select id="tier" name="tier" defaultValue={filters.tier ?? ""}>
          <option value="">Any tier</option>
          {RISK_TIERS.map((tier) => (
            <option key={tier} value={tier}>
              {TIER_LABELS[tier]}
            </option>
          ))}
          <option value="none">No tier</option>
        </Select>
      </Field>
      {stylists.length ? (
        <Field id="stylist" label="Stylist">
          <Select id="stylist" name="stylist" defaultValue={filters.stylist ?? ""}>
            <option value="">Every stylist</option>
            <option value="unassigned">No stylist</option>
            {stylists.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {/* Days as the overview counts them, midnight to midnight UTC (its daily figures are kept by UTC day, and its links land here). */}
      <Field id="from" label="Drafted from (UTC)">
        <Input id="from" name="from" type="date" defaultValue={filters.from ?? ""} className="w-40" />
      </Field>
      <Field id="to" label="Drafted to (UTC)">
        <Input id="to" name="to" type="date" defaultValue={filters.to ?? ""} className="w-40" />
      </Field>
      {/* Set only by the overview's links (emails opened or clicked in a week); kept when the form is submitted. */}
      {filters.event ? <input type="hidden" name="event" value={filters.event} /> : null}
      {filters.eventFrom ? <input type="hidden" name="eventFrom" value={filters.eventFrom} /> : null}
      {filters.eventTo ? <input type="hidden" name="eventTo" value={filters.eventTo} /> : null}
      <Button type="submit" variant="secondary">
        Filter
      </Button>
    </form>
  );
}
