import type { Metadata } from "next";
import { UnsubscribeForm } from "@/components/emails/unsubscribe-form";
import { Brand } from "@/components/shell/brand";
import { db } from "@/lib/server/db/client";
import { unsubscribeLinkStatus } from "@/lib/server/data/unsubscribe-link";

export const metadata: Metadata = { title: "Unsubscribe" };

const ANSWERS = {
  invalid: { title: "This unsubscribe link does not work", text: "It may have been cut short when it was copied. Open the link from the email itself, or reply to the email and ask your stylist to stop." },
  unsubscribed: { title: "You are unsubscribed", text: "You get no more personal notes from your stylist by email. Your account and fixes are not affected." },
  subscribed: { title: "Unsubscribe from these emails?", text: "You will no longer get personal notes from your stylist by email. Your account and fixes are not affected." },
} as const;

/** Opening the link changes nothing (mail scanners follow links): only the button unsubscribes. It says at once if there is nothing to do. */
export default async function UnsubscribePage({ params }: { params: Promise<{ token: string }> }) {
  const token = decodeURIComponent((await params).token);
  const status = await unsubscribeLinkStatus(db, token);
  const answer = ANSWERS[status];
  return (
    <main className="flex min-h-dvh items-center justify-center px-5 py-12">
      <div className="w-full max-w-sm space-y-6">
        <Brand className="text-xl text-stone-900" />
        <h1 className="text-2xl font-semibold text-stone-900">{answer.title}</h1>
        <p className="text-sm text-stone-600">{answer.text}</p>
        {status === "subscribed" ? <UnsubscribeForm token={token} /> : null}
      </div>
    </main>
  );
}
