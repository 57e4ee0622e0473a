import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import type { DashboardRange } from "@/lib/domain/analytics/tier-summary";

/**
 * The date range as a plain GET form: the state lives in the URL, so any view can be shared and works without
 * JavaScript. Its days run midnight to midnight UTC, as the daily figures are kept, and say so.
 */
export function RangeForm({ range }: { range: DashboardRange }) {
  return (
    <form method="get" action="/overview" className="flex flex-wrap items-end gap-2" aria-label="Date range">
      <label className="text-sm text-stone-700">
        <span className="mb-1 block text-xs font-medium text-stone-500">From (UTC)</span>
        <Input type="date" name="from" defaultValue={range.from} className="w-40" />
      </label>
      <label className="text-sm text-stone-700">
        <span className="mb-1 block text-xs font-medium text-stone-500">To (UTC)</span>
        <Input type="date" name="to" defaultValue={range.to} className="w-40" />
      </label>
      <Button type="submit" variant="secondary">
        Show
      </Button>
    </form>
  );
}
