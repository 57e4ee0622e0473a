import type { Metadata, Route } from "next";
import Link from "next/link";
import { z } from "zod";
import { MailboxMessage } from "@/components/mailbox/mailbox-message";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageContext } from "@/lib/server/auth/session";
import { getMailboxItemOrThrow, listMailbox } from "@/lib/server/data/emails";
import { NotFoundError } from "@/lib/server/errors";

export const metadata: Metadata = { title: "Mailbox" };

const mailboxParams = z.object({ message: z.uuid().optional().catch(undefined) });

/** Where email lands when RESEND_API_KEY is not set: every message as it would have gone out, the chosen one open. */
export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ message?: string }> }) {
  const ctx = await requirePageContext("settings.manage");
  const { message } = mailboxParams.parse(await searchParams);
  const [mail, open] = await Promise.all([
    listMailbox(ctx),
    message ? getMailboxItemOrThrow(ctx, message).catch((e) => (e instanceof NotFoundError ? null : Promise.reject(e))) : null,
  ]);
  return (
    <>
      <PageHeader title="Mailbox" description="Without RESEND_API_KEY, email is delivered here instead of sent: the whole flow, visible offline." />
      <div className="space-y-6">
        <Card>
          {mail.length === 0 ? (
            <EmptyState title="No mail yet" description="Approved win-back emails and sign-in links appear here once sent." />
          ) : (
            <ul className="divide-y divide-stone-100 text-sm">
              {mail.map((m) => (
                <li key={m.id}>
                  <Link href={`/mailbox?message=${m.id}#open-message` as Route} className={cn("flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-5 py-3 hover:bg-stone-50", open?.id === m.id && "bg-ember-50")}>
                    <span className="min-w-0">
                      <span className="block font-medium text-stone-900">{m.subject}</span>
                      <span className="block truncate text-stone-500">To {m.to.join(", ")}</span>
                    </span>
                    <LocalTime value={m.createdAt} className="text-xs whitespace-nowrap text-stone-500" />
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
        {/* Below the whole list: the link jumps to it, or a click seemed to do nothing. */}
        {open ? (
          <div id="open-message" className="scroll-mt-20 lg:scroll-mt-6">
            <MailboxMessage mail={open} />
          </div>
        ) : null}
      </div>
    </>
  );
}
