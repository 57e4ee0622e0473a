import type { Metadata } from "next";
import { UnsubscribeForm } from "@/components/emails/unsubscribe-form";
import { Brand } from "@/components/shell/brand";

export const metadata: Metadata = { title: "Unsubscribe" };

/** Opening the link changes nothing (mail scanners follow links): only the button unsubscribes. */
export default async function UnsubscribePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <main className="flex min-h-dvh items-center justify-center px-5 py-12">
      <div className="w-full max-w-sm space-y-6">
        <Brand className="text-xl text-stone-900" />
        <h1 className="text-2xl font-semibold text-stone-900">Unsubscribe from these emails?</h1>
        <p className="text-sm text-stone-600">You will no longer get personal notes from your stylist by email. Your account and fixes are not affected.</p>
        <UnsubscribeForm token={decodeURIComponent(token)} />
      </div>
    </main>
  );
}
