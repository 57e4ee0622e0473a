import type { Metadata, Route } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { tableHeadClass } from "@/components/ui/table";
import { requirePageContext } from "@/lib/server/auth/session";
import { listMailbox } from "@/lib/server/data/emails";

export const metadata: Metadata = { title: "Mailbox" };

/** Where email lands when RESEND_API_KEY is not set: every message as it would have gone out. */
export default async function MailboxPage() {
  const ctx = await requirePageContext("settings.manage");
  const mail = await listMailbox(ctx);
  return (
    <>
      <PageHeader title="Mailbox" description="Without RESEND_API_KEY, email is delivered here instead of sent: the whole flow, visible offline." />
      <Card>
        {mail.length === 0 ? (
          <EmptyState title="No mail yet" description="Approved win-back emails and sign-in links appear here once sent." />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className={tableHeadClass}>
                <tr>
                  <th className="px-5 py-2.5">To</th>
                  <th className="px-3 py-2.5">Subject</th>
                  <th className="px-3 py-2.5">Received</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {mail.map((m) => (
                  <tr key={m.id}>
                    <td className="px-5 py-3 text-stone-700">{m.to.join(", ")}</td>
                    <td className="px-3 py-3">
                      <Link href={`/mailbox/${m.id}` as Route} className="text-ember-700 hover:underline">
                        {m.subject}
                      </Link>
                    </td>
                    <td className="px-3 py-3 whitespace-nowrap text-stone-500">{formatDateTime(m.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
