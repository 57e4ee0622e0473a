import type { Route } from "next";
import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { type ClientListQuery, type ClientSort, clientListHref } from "@/lib/domain/clients/list-query";

/** A column header that sorts by its column; clicking the active column flips the direction. */
export function SortHeader({ query, sort, label, className }: { query: ClientListQuery; sort: ClientSort; label: string; className?: string }) {
  const active = query.sort === sort;
  const nextDir = active ? (query.dir === "asc" ? "desc" : "asc") : undefined;
  const href = clientListHref({ ...query, dir: undefined }, { sort, dir: nextDir });
  return (
    <th scope="col" className={cn("px-3 py-2.5 font-medium whitespace-nowrap", className)} aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={href as Route} className={cn("inline-flex items-center gap-1 hover:text-stone-900", active && "text-stone-900")}>
        {label}
        <span aria-hidden className="text-[10px]">{active ? (query.dir === "asc" ? "▲" : "▼") : ""}</span>
      </Link>
    </th>
  );
}
