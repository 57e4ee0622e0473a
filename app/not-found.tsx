import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { currentActor } from "@/lib/server/auth/session";

export const metadata: Metadata = { title: "Page not found" };

export default async function NotFound() {
  // Someone signed out is offered the way in, not a list they cannot open.
  const signedIn = Boolean(await currentActor());
  return (
    <div className="grid min-h-[60dvh] place-items-center px-6 text-center">
      <div>
        <p className="text-sm font-semibold text-ember-700">404</p>
        <h1 className="mt-2 text-2xl font-semibold text-stone-900">We could not find that page</h1>
        <p className="mt-2 text-sm text-stone-600">{signedIn ? "It may have moved, or it belongs to a client you do not look after." : "It may have moved, or you may need to sign in to see it."}</p>
        <Link href={signedIn ? "/clients" : "/login"} className={buttonClass("secondary", "mt-6")}>
          {signedIn ? "Back to clients" : "Sign in"}
        </Link>
      </div>
    </div>
  );
}
