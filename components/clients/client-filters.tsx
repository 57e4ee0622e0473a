import { cn } from "@/components/ui/cn";
import { Input, Select } from "@/components/ui/field";
import { type ClientListQuery, isFiltered } from "@/lib/domain/clients/list-query";
import { MoreFilters } from "./more-filters";
import { StylistOptions } from "@/components/clients/stylist-options";
import { FilterButtons, FilterForm } from "./filter-form";
import { DrillDownHiddenFields } from "./drill-down-filters";

const SORT_LABELS = { name: "Name", last_order: "Last order", orders: "Order count", score: "Score", p_alive: "P(alive)" } as const;

/** A GET form: the URL carries the whole view, so it can be bookmarked and shared; a choice applies at once. */
export function ClientFilters({ query, stylists, showStylistFilter }: { query: ClientListQuery; stylists: { id: string; name: string }[]; showStylistFilter: boolean }) {
  const active = isFiltered(query) || query.sort !== "name";
  return (
    <FilterForm role="search" action="/clients" className={cn("grid gap-3 border-b border-stone-100 p-4 sm:items-end", showStylistFilter ? "sm:grid-cols-[1fr_auto_auto_auto_auto]" : "sm:grid-cols-[1fr_auto_auto_auto]")}>
      <div>
        <label htmlFor="q" className="sr-only">
          Search by name or email
        </label>
        <Input id="q" name="q" type="search" placeholder="Search by name or email" defaultValue={query.q} autoComplete="off" />
      </div>
      {showStylistFilter ? (
        <FilterSelect name="stylist" label="Stylist" value={query.stylist ?? ""}>
          <option value="">All stylists</option>
          <option value="unassigned">Unassigned</option>
          <StylistOptions stylists={stylists} />
        </FilterSelect>
      ) : null}
      <FilterSelect name="sort" label="Sort by" value={query.sort}>
        {Object.entries(SORT_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            Sort: {label}
          </option>
        ))}
      </FilterSelect>
      <FilterButtons clearHref="/clients" showClear={active} />
      <MoreFilters query={query} />
      <DrillDownHiddenFields query={query} />
    </FilterForm>
  );
}

/** A select whose options say what it is, so its label is for screen readers only. */
function FilterSelect({ name, label, value, children }: { name: string; label: string; value: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={name} className="sr-only">
        {label}
      </label>
      <Select id={name} name={name} defaultValue={value}>
        {children}
      </Select>
    </div>
  );
}
