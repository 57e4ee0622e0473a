"use client";

import { buttonClass } from "@/components/ui/button";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="grid min-h-[60dvh] place-items-center px-6 text-center">
      <div>
        <h1 className="text-2xl font-semibold text-stone-900">Something went wrong</h1>
        <p className="mt-2 text-sm text-stone-600">The problem has been logged. Nothing you saved was lost.</p>
        <button type="button" onClick={reset} className={buttonClass("secondary", "mt-6")}>
          Try again
        </button>
      </div>
    </div>
  );
}
