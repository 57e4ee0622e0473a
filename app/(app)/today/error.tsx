"use client";

import { SectionError } from "@/components/ui/section-error";

export default function TodayError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError section="Today's list" error={error} reset={reset} />;
}
