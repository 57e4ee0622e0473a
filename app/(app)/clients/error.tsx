"use client";

import { SectionError } from "@/components/ui/section-error";

export default function ClientsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError section="Clients" error={error} reset={reset} />;
}
