"use client";

import { SectionError } from "@/components/ui/section-error";

export default function ImportError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError section="Import" error={error} reset={reset} />;
}
