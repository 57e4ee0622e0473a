import type { Metadata } from "next";
import Link from "next/link";
import { EmailPreview } from "@/components/emails/email-preview";
import { Card, CardHeader } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageContext } from "@/lib/server/auth/session";
import { getMailboxItemOrNotFound } from "@/lib/server/data/page-loaders";

export const metadata: Metadata = { title: "Mailbox" };

export default async function MailboxItemPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageContext("settings.manage");
  const mail = await getMailboxItemOrNotFound(ctx, (await params).id);
  const headers = { From: mail.from, To: mail.to.join(", "), Subject: mail.subject, ...(mail.headers ?? {}) };
  return (
    <>
      <PageHeader eyebrow={<Link href="/mailbox" className="hover:underline">← Mailbox</Link>} title={mail.subject} description={`Received ${formatDateTime(mail.createdAt)}`} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card className="min-w-0">
          <CardHeader title="HTML" />
          <div className="p-5">
            <EmailPreview html={mail.html} title={`Email: ${mail.subject}`} />
          </div>
        </Card>
        <div className="min-w-0 space-y-6">
          <Card>
            <CardHeader title="Headers" />
            <dl className="divide-y divide-stone-100 text-sm">
              {Object.entries(headers).map(([name, value]) => (
                <div key={name} className="grid grid-cols-[10rem_minmax(0,1fr)] gap-3 px-5 py-2">
                  <dt className="font-medium text-stone-700">{name}</dt>
                  <dd className="break-all text-stone-600" data-header={name}>
                    {value}
                  </dd>
                </div>
              ))}
              {mail.tags ? (
                <div className="grid grid-cols-[10rem_minmax(0,1fr)] gap-3 px-5 py-2">
                  <dt className="font-medium text-stone-700">Tags</dt>
                  <dd className="break-all text-stone-600">{Object.entries(mail.tags).map(([k, v]) => `${k}=${v}`).join(", ")}</dd>
                </div>
              ) : null}
            </dl>
          </Card>
          <Card>
            <CardHeader title="Plain text" />
            <pre className="overflow-x-auto p-5 text-sm whitespace-pre-wrap text-stone-700">{mail.text ?? "(none)"}</pre>
          </Card>
        </div>
      </div>
    </>
  );
}
