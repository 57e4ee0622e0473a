import { EmailPreview } from "@/components/emails/email-preview";
import { Card, CardHeader } from "@/components/ui/card";
import type { MailboxItem } from "@/lib/server/data/emails";

/** One delivered message: the rendered HTML, every header (List-Unsubscribe included), the tags and the plain text. */
export function MailboxMessage({ mail }: { mail: MailboxItem }) {
  const headers = { From: mail.from, To: mail.to.join(", "), Subject: mail.subject, ...(mail.headers ?? {}) };
  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
      <Card className="min-w-0">
        <CardHeader title={mail.subject} description="As delivered" />
        <div className="p-5">
          <EmailPreview html={mail.html} title={`Email: ${mail.subject}`} />
        </div>
      </Card>
      <div className="min-w-0 space-y-6">
        <Card>
          <CardHeader title="Headers" />
          <dl className="divide-y divide-stone-100 text-sm">
            {Object.entries({ ...headers, ...(mail.tags ? { Tags: Object.entries(mail.tags).map(([k, v]) => `${k}=${v}`).join(", ") } : {}) }).map(([name, value]) => (
              <div key={name} className="grid grid-cols-1 gap-1 px-5 py-2 sm:grid-cols-[10rem_minmax(0,1fr)] sm:gap-3">
                <dt className="font-medium text-stone-700">{name}</dt>
                <dd className="break-all text-stone-600">{value}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card>
          <CardHeader title="Plain text" />
          <pre className="overflow-x-auto p-5 text-sm whitespace-pre-wrap text-stone-700 [overflow-wrap:anywhere]">{mail.text ?? "(none)"}</pre>
        </Card>
      </div>
    </div>
  );
}
