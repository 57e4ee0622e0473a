"use client";

import { SectionError } from "@/components/ui/section-error";

export default function OverviewError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError section="The overview" error={error} reset={reset} />;
}
