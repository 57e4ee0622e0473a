import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Check your email" };

export default function CheckEmailPage() {
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight text-stone-900">Check your email</h1>
      <p className="mt-2 text-sm text-stone-600">If that address has an account, a sign-in link is on its way. It works once and expires in 15 minutes.</p>
      <Link href="/login" className="mt-6 inline-block text-sm font-medium text-ember-700 hover:underline">
        Back to sign in
      </Link>
    </div>
  );
}
