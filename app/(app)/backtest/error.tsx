"use client";

import { SectionError } from "@/components/ui/section-error";

export default function BacktestError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError section="The model check" error={error} reset={reset} />;
}
