import { buttonClass } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import type { ClientListQuery } from "@/lib/domain/clients/list-query";
import Link from "next/link";
import { StylistOptions } from "@/components/clients/stylist-options";

const SORT_LABELS = { name: "Name", last_order: "Last order", orders: "Order count" } as const;

/** A plain GET form: the URL carries the whole view, so it can be bookmarked and shared. */
export function ClientFilters({ query, stylists, showStylistFilter }: { query: ClientListQuery; stylists: { id: string; name: string }[]; showStylistFilter: boolean }) {
  const active = Boolean(query.q || query.stylist || query.sort !== "name");
  return (
    <form role="search" action="/clients" className="grid gap-3 border-b border-stone-100 p-4 sm:grid-cols-[1fr_auto_auto_auto] sm:items-end">
      <div>
        <label htmlFor="q" className="sr-only">
          Search by name or email
        </label>
        <Input id="q" name="q" type="search" placeholder="Search by name or email" defaultValue={query.q} autoComplete="off" />
      </div>
      {showStylistFilter ? (
        <div>
          <label htmlFor="stylist" className="sr-only">
            Stylist
          </label>
          <Select id="stylist" name="stylist" defaultValue={query.stylist ?? ""}>
            <option value="">All stylists</option>
            <option value="unassigned">Unassigned</option>
            <StylistOptions stylists={stylists} />
          </Select>
        </div>
      ) : null}
      <div>
        <label htmlFor="sort" className="sr-only">
          Sort by
        </label>
        <Select id="sort" name="sort" defaultValue={query.sort}>
          {Object.entries(SORT_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              Sort: {label}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex gap-2">
        <button type="submit" className={buttonClass("secondary")}>
          Apply
        </button>
        {active ? (
          <Link href="/clients" className={buttonClass("ghost")}>
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
