"use client";

import { SectionError } from "@/components/ui/section-error";

export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError section="This page" error={error} reset={reset} />;
}
