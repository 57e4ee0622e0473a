import type { Metadata } from "next";
import { Suspense } from "react";
import { BacktestForm } from "@/components/backtest/backtest-form";
import { BacktestResults } from "@/components/backtest/backtest-results";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { fieldErrorsFrom } from "@/lib/domain/validation";
import { requirePageContext } from "@/lib/server/auth/session";
import { backtestInputSchema, defaultBacktestInput, runBacktest } from "@/lib/server/data/backtest";

export const metadata: Metadata = { title: "Model check" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function BacktestPage({ searchParams }: Props) {
  const ctx = await requirePageContext("analytics.view");
  const params = await searchParams;
  const defaults = defaultBacktestInput();
  const cutoff = first(params.cutoff) ?? defaults.cutoff;
  const horizonDays = first(params.horizonDays) ?? defaults.horizonDays;
  const parsed = backtestInputSchema.safeParse({ cutoff, horizonDays });
  return (
    <>
      <PageHeader title="Model check" description="Score every client as of a past date, as the nightly run would have, then see whether the score foretold who ordered again better than days since last order." />
      <Card className="mb-6">
        <BacktestForm cutoff={cutoff} horizonDays={horizonDays} errors={parsed.success ? {} : fieldErrorsFrom(parsed.error)} />
      </Card>
      {parsed.success ? (
        <Suspense key={`${cutoff}/${horizonDays}`} fallback={<p className="text-sm text-stone-500">Scoring every client as of the cutoff…</p>}>
          <Results report={runBacktest(ctx, { cutoff, horizonDays })} />
        </Suspense>
      ) : null}
    </>
  );
}

async function Results({ report }: { report: ReturnType<typeof runBacktest> }) {
  return <BacktestResults report={await report} />;
}
