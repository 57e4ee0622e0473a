import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { MagicLinkForm } from "@/components/auth/magic-link-form";
import { PasswordSignInForm } from "@/components/auth/password-sign-in-form";
import { env } from "@/lib/env";
import { currentActor } from "@/lib/server/auth/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string }> }) {
  if (await currentActor()) redirect("/");
  const { next, error } = await searchParams;
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight text-stone-900">Sign in</h1>
      <p className="mt-1 text-sm text-stone-600">Welcome back. Use the account your admin created for you.</p>
      {error ? (
        <p role="alert" className="mt-5 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          That sign-in link is invalid or has expired. Ask for a new one.
        </p>
      ) : null}
      <div className="mt-8">
        <PasswordSignInForm next={next} />
      </div>
      {env.RESEND_API_KEY ? (
        <div className="mt-8 border-t border-stone-200 pt-8">
          <MagicLinkForm next={next} />
        </div>
      ) : null}
    </div>
  );
}
