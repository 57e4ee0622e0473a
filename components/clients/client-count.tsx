import { formatNumber } from "@/components/ui/format";
import type { RowCount } from "@/lib/server/data/estimate-count";

export async function ClientCount({ count, filtered }: { count: Promise<RowCount>; filtered: boolean }) {
  const { value, exact } = await count;
  const noun = value === 1 ? "client" : "clients";
  const prefix = exact ? "" : "About ";
  return (
    <span data-testid="client-count">
      {prefix}
      {formatNumber(value)} {noun}
      {filtered ? (value === 1 ? " matches" : " match") : ""}
    </span>
  );
}
