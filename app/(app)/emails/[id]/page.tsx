import type { Metadata, Route } from "next";
import Link from "next/link";
import { ActionButton } from "@/components/emails/action-button";
import { DiscardForm } from "@/components/emails/discard-form";
import { EmailEditor } from "@/components/emails/email-editor";
import { EmailPreview } from "@/components/emails/email-preview";
import { EmailStateBadge, WriterBadge } from "@/components/emails/email-state-badge";
import { TierBadge } from "@/components/engagement/tier-badge";
import { Card, CardHeader } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { actorName } from "@/lib/domain/access/actor-name";
import { PageHeader } from "@/components/ui/page-header";
import { REVIEWABLE_STATES } from "@/lib/domain/email/lifecycle";
import { CONTACT_CHANNEL_LABELS } from "@/lib/domain/today/contact-input";
import { requirePageContext } from "@/lib/server/auth/session";
import { getEmailOrNotFound } from "@/lib/server/data/page-loaders";
import { previewWinBack } from "@/lib/server/emails/preview";
import { sendEmailNowAction } from "../actions";

export const metadata: Metadata = { title: "Email" };

export default async function EmailPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageContext("emails.write");
  const { email, clientName, tier, stylistName, signature, history, contactSince, orderedSince } = await getEmailOrNotFound(ctx, (await params).id);
  const preview = await previewWinBack(ctx, email, signature || stylistName || "");
  const reviewable = REVIEWABLE_STATES.includes(email.state);
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/emails" className="hover:underline">← Emails</Link>}
        title={email.subject}
        description={
          <span className="flex flex-wrap items-center gap-2">
            To <Link href={`/clients/${email.clientId}` as Route} className="text-ember-700 hover:underline">{clientName}</Link> &lt;{email.toAddress}&gt;
            <EmailStateBadge state={email.state} />
            <TierBadge tier={tier} />
            <WriterBadge writer={email.writer} />
          </span>
        }
      />
      {email.writerNote ? <p className="mb-6 rounded-lg bg-amber-50 px-4 py-2.5 text-sm text-amber-900 ring-1 ring-amber-200">{email.writerNote}</p> : null}
      {reviewable && orderedSince ? (
        <p className="mb-6 rounded-lg bg-amber-50 px-4 py-2.5 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="ordered-since">
          {clientName} ordered again on <LocalTime value={orderedSince} style="date" />, after this email was written: it will not be sent (a &ldquo;we miss
          you&rdquo; to a client who has just come back). Discard it, or leave it: it is discarded when its time comes.
        </p>
      ) : null}
      {reviewable && contactSince ? (
        <p className="mb-6 rounded-lg bg-amber-50 px-4 py-2.5 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="contacted-since">
          {contactSince.by ?? "Someone"} logged contact with {clientName} after this email was {email.state === "draft" ? "drafted" : "approved"}, on <LocalTime value={contactSince.at} />.{" "}
          {CONTACT_CHANNEL_LABELS[contactSince.channel]}
          {contactSince.note ? <>: &ldquo;{contactSince.note}&rdquo;</> : null}. Check the email still fits before {email.state === "draft" ? "approving it" : "it goes"}, or discard it.
        </p>
      ) : null}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card className="min-w-0">
          <CardHeader title="Preview" description="Exactly as the client will see it, with our links and the unsubscribe footer." />
          <div className="p-5">
            <EmailPreview html={preview.html} title={`Preview of ${email.subject}`} />
          </div>
        </Card>
        <div className="min-w-0 space-y-6">
          {reviewable ? (
            <Card>
              <CardHeader title="Edit" />
              <div className="p-5">
                <EmailEditor
                  emailId={email.id}
                  shownAt={email.updatedAt.toISOString()}
                  saved={{ subject: email.subject, preheader: email.preheader, body: email.body, callToAction: email.callToAction }}
                  approvable={email.state === "draft"}
                  approved={email.state === "approved" || email.state === "scheduled"}
                />
              </div>
            </Card>
          ) : null}
          {reviewable ? (
            <Card>
              <CardHeader
                title="Decide"
                description={
                  email.scheduledFor ? (
                    <>
                      Scheduled for <LocalTime value={email.scheduledFor} />, within the client&apos;s daytime. Editing it takes it back to draft, to be approved again.
                    </>
                  ) : email.state === "draft" ? (
                    "Approve it in the editor above: it is then scheduled for the client's daytime. Or discard it."
                  ) : (
                    "Approved: it is being scheduled for the client's daytime."
                  )
                }
              />
              <div className="flex flex-wrap items-start gap-6 p-5">
                {email.state === "scheduled" ? <ActionButton action={sendEmailNowAction} fields={{ emailId: email.id }} label="Send now" pendingLabel="Sending…" /> : null}
                <DiscardForm emailId={email.id} shownAt={email.updatedAt.toISOString()} />
              </div>
            </Card>
          ) : null}
          <Card>
            <CardHeader title="History" />
            <ol className="divide-y divide-stone-100 text-sm">
              {history.map((h) => (
                <li key={h.key} className="px-5 py-2.5">
                  <span className="font-medium text-stone-900">{h.title}</span>
                  <span className="text-stone-500">
                    {" "}
                    · {actorName(h.actorLabel)} · <LocalTime value={h.at} />
                  </span>
                  {h.detail ? <p className="text-stone-600">{h.detail}</p> : null}
                </li>
              ))}
            </ol>
          </Card>
        </div>
      </div>
    </>
  );
}
