import { Input, Select } from "@/components/ui/field";
import { CLIENT_TIER_FILTERS, type ClientListQuery } from "@/lib/domain/clients/list-query";

const TIER_LABELS = { healthy: "Healthy", watch: "Watch", at_risk: "At risk", lapsed: "Lapsed", unscored: "Not scored" } as const;

/** A from–to pair of whole numbers, each optional. */
function Range({ label, min, max, names, unit }: { label: string; min: number | undefined; max: number | undefined; names: [string, string]; unit: string }) {
  return (
    <fieldset className="space-y-1">
      <legend className="text-xs font-medium text-stone-600">{label}</legend>
      <div className="flex items-center gap-1.5">
        <Input aria-label={`${label} from`} name={names[0]} type="number" min={0} max={100} inputMode="numeric" defaultValue={min ?? ""} className="w-20" />
        <span className="text-xs text-stone-500">to</span>
        <Input aria-label={`${label} to`} name={names[1]} type="number" min={0} max={100} inputMode="numeric" defaultValue={max ?? ""} className="w-20" />
        <span className="text-xs text-stone-500">{unit}</span>
      </div>
    </fieldset>
  );
}

/** Tiers (several at once), score and chance ranges, days overdue, consent and "newly at risk": open when any is set. */
export function MoreFilters({ query }: { query: ClientListQuery }) {
  const open = query.tier.length > 0 || [query.scoreMin, query.scoreMax, query.pMin, query.pMax, query.overdue, query.consent, query.newly].some((v) => v !== undefined);
  return (
    <details open={open} className="sm:col-span-full">
      <summary className="cursor-pointer text-sm font-medium text-stone-700 select-none">More filters</summary>
      <div className="mt-3 flex flex-wrap items-end gap-x-6 gap-y-3">
        <fieldset className="space-y-1">
          <legend className="text-xs font-medium text-stone-600">Tiers</legend>
          <div className="flex flex-wrap gap-x-3 gap-y-1">
            {CLIENT_TIER_FILTERS.map((tier) => (
              <label key={tier} className="flex items-center gap-1.5 text-sm text-stone-800">
                <input type="checkbox" name="tier" value={tier} defaultChecked={query.tier.includes(tier)} className="size-4 accent-ember-600" />
                {TIER_LABELS[tier]}
              </label>
            ))}
          </div>
        </fieldset>
        <Range label="Score" min={query.scoreMin} max={query.scoreMax} names={["scoreMin", "scoreMax"]} unit="of 100" />
        <Range label="Chance of an order in 90 days" min={query.pMin} max={query.pMax} names={["pMin", "pMax"]} unit="%" />
        <div className="space-y-1">
          <label htmlFor="overdue" className="block text-xs font-medium text-stone-600">
            Overdue by at least (days)
          </label>
          <Input id="overdue" name="overdue" type="number" min={0} max={3650} inputMode="numeric" defaultValue={query.overdue ?? ""} className="w-24" />
        </div>
        <div className="space-y-1">
          <label htmlFor="consent" className="block text-xs font-medium text-stone-600">
            Marketing consent
          </label>
          <Select id="consent" name="consent" defaultValue={query.consent ?? ""}>
            <option value="">Any</option>
            <option value="yes">Given</option>
            <option value="no">Not given</option>
          </Select>
        </div>
        <label className="flex items-center gap-1.5 pb-2 text-sm text-stone-800">
          <input type="checkbox" name="newly" value="1" defaultChecked={query.newly === "1"} className="size-4 accent-ember-600" />
          Newly at risk in the last 7 days
        </label>
      </div>
    </details>
  );
}
