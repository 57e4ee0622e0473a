import { Button } from "@/components/ui/button";
import { Field, Input, errorProps } from "@/components/ui/field";

/** A plain GET form: the cutoff and horizon live in the URL, so a check can be shared and reloaded. */
export function BacktestForm({ cutoff, horizonDays, errors }: { cutoff: string; horizonDays: string; errors: Record<string, string[]> }) {
  return (
    <form action="/backtest" className="grid gap-4 p-5 sm:grid-cols-[auto_auto_1fr] sm:items-end">
      <Field id="cutoff" label="Cutoff date" hint="Score clients with the orders before this day" error={errors.cutoff?.[0]}>
        <Input id="cutoff" name="cutoff" type="date" defaultValue={cutoff} required {...errorProps("cutoff", errors.cutoff?.[0])} />
      </Field>
      <Field id="horizonDays" label="Horizon (days)" hint="Did they order within this many days after it?" error={errors.horizonDays?.[0]}>
        <Input id="horizonDays" name="horizonDays" type="number" min={7} max={365} defaultValue={horizonDays} required {...errorProps("horizonDays", errors.horizonDays?.[0])} />
      </Field>
      <div>
        <Button type="submit">Run the check</Button>
      </div>
    </form>
  );
}
