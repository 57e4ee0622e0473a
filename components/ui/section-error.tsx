"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useTransition } from "react";
import { Button, buttonClass } from "./button";

/**
 * What a section shows when it fails to load, inside the app shell (navigation stays): what happened, a retry that
 * fetches the section again from the server, and a way out. The error itself is logged on the server.
 */
export function SectionError({ section, error, reset }: { section: string; error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [retrying, startRetry] = useTransition();
  const heading = useRef<HTMLHeadingElement>(null);
  // Keyboard and screen-reader users land on the message rather than somewhere in the page that failed.
  useEffect(() => heading.current?.focus(), []);
  return (
    <div role="alert" className="rounded-xl bg-white px-6 py-12 text-center shadow-sm ring-1 ring-stone-200" data-testid="section-error">
      <h1 ref={heading} tabIndex={-1} className="text-xl font-semibold text-stone-900 focus:outline-none">
        {section} could not be loaded
      </h1>
      <p className="mx-auto mt-2 max-w-md text-sm text-stone-600">
        Something went wrong on our side. Nothing you saved was lost. Try again; if it keeps happening, tell an admin
        {error.digest ? <> and quote reference <span className="font-mono">{error.digest}</span></> : null}.
      </p>
      <div className="mt-6 flex flex-wrap justify-center gap-3">
        <Button type="button" disabled={retrying} onClick={() => startRetry(() => (router.refresh(), reset()))}>
          {retrying ? "Trying again…" : "Try again"}
        </Button>
        <Link href="/" className={buttonClass("secondary")}>
          Go to my start page
        </Link>
      </div>
    </div>
  );
}
