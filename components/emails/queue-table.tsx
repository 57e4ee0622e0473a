"use client";

import type { Route } from "next";
import Link from "next/link";
import { useActionState, useMemo } from "react";
import { approveEmailsAction } from "@/app/(app)/emails/actions";
import { TierBadge } from "@/components/engagement/tier-badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FormAlert } from "@/components/ui/form-alert";
import { tableHeadClass } from "@/components/ui/table";
import { type EmailState, REVIEWABLE_STATES } from "@/lib/domain/email/lifecycle";
import type { EmptyQueueKind } from "@/lib/domain/email/queue-filters";
import type { RiskTier } from "@/lib/domain/email/policy-settings";
import { IDLE, toldByField } from "@/lib/forms/action-state";
import { EmailStateBadge, WriterBadge } from "./email-state-badge";
import { LocalTime } from "@/components/ui/local-time";

type QueueRow = {
  id: string;
  state: EmailState;
  subject: string;
  tier: RiskTier | null;
  writer: "model" | "offline" | "offline_fallback" | "person";
  origin: "stylist" | "outreach";
  createdAt: Date;
  /** As the page read it: the bulk approval skips a draft edited since (see approveEmails). */
  updatedAt: Date;
  clientId: string;
  clientName: string;
  stylistName: string | null;
  /** The latest contact logged with the client after the email was drafted (or, once approved, after its approval). */
  contactedSince: Date | null;
  /** The client's latest order after the email was written: it will not be sent. */
  orderedSince: Date | null;
};

/** The queue, with a checkbox per draft for bulk approval. */
export function QueueTable({ emails, showStylist, empty }: { emails: QueueRow[]; showStylist: boolean; empty: EmptyQueueKind }) {
  const [answer, action, pending] = useActionState(approveEmailsAction, IDLE);
  // "Choose at least one email" belongs to no field on the page: the alert says it rather than "some fields".
  const state = useMemo(() => toldByField(answer, ["emailIds"]), [answer]);
  if (emails.length === 0) {
    // Approving every draft of a filtered view empties it: the answer stays on screen above the empty state.
    const answered = state.status === "idle" ? null : (
      <div className="px-5 pt-4">
        <FormAlert state={state} />
      </div>
    );
    if (empty === "filtered" || empty === "reversed") {
      return (
        <>
          {answered}
          <EmptyState
          title="No emails match these filters"
          description={empty === "reversed" ? "The first day is after the last: swap the dates above." : "Try another status, tier or stylist, or widen the dates."}
          action={<ButtonLink href="/emails?status=all" variant="secondary">Show every email</ButtonLink>}
          />
        </>
      );
    }
    return (
      <>
        {answered}
        <EmptyState
        title={empty === "review" ? "Nothing waiting for review" : "No win-back emails yet"}
        description="Drafts appear here when a client slips into at risk or lapsed, or when a stylist drafts one."
        action={<ButtonLink href="/today" variant="secondary">Go to Today&apos;s list</ButtonLink>}
        />
      </>
    );
  }
  const drafts = emails.filter((e) => e.state === "draft").length;
  return (
    <form action={action}>
      {/* Without drafts on screen there is nothing to approve: the bar stays only to keep an answer in view. */}
      {drafts > 0 || state.status !== "idle" ? (
        <div className="flex flex-wrap items-center gap-3 px-5 py-3">
          {drafts > 0 ? (
            <>
              <Button type="submit" disabled={pending}>
                {pending ? "Approving…" : "Approve selected"}
              </Button>
              <span className="text-sm text-stone-500">{drafts === 1 ? "1 draft shown" : `${drafts} drafts shown`}</span>
            </>
          ) : null}
          <FormAlert state={state} />
        </div>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className={tableHeadClass}>
            <tr>
              <th className="w-10 px-3 py-2.5 sm:px-5">
                {drafts > 0 ? (
                  <input
                    type="checkbox"
                    aria-label="Select every draft shown"
                    className="size-4 accent-ember-600"
                    onChange={(event) => {
                      const checked = event.currentTarget.checked;
                      event.currentTarget.form?.querySelectorAll<HTMLInputElement>('input[name="emailIds[]"]').forEach((box) => (box.checked = checked));
                    }}
                  />
                ) : (
                  <span className="sr-only">Select</span>
                )}
              </th>
              <th className="px-3 py-2.5">Client</th>
              <th className="px-3 py-2.5">Subject</th>
              {/* Phones have no room for these columns: the tier and status go under the subject. */}
              <th className="hidden px-3 py-2.5 sm:table-cell">Tier</th>
              <th className="hidden px-3 py-2.5 sm:table-cell">Status</th>
              {showStylist ? <th className="hidden px-3 py-2.5 md:table-cell">Stylist</th> : null}
              <th className="hidden px-3 py-2.5 whitespace-nowrap lg:table-cell">Drafted</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {emails.map((e) => (
              <tr key={e.id}>
                <td className="px-3 py-3 sm:px-5">
                  {e.state === "draft" ? (
                    <>
                      <input type="checkbox" name="emailIds[]" value={e.id} aria-label={`Select the email to ${e.clientName}`} className="size-4 accent-ember-600" />
                      <input type="hidden" name={`shownAt.${e.id}`} value={e.updatedAt.toISOString()} />
                    </>
                  ) : null}
                </td>
                <td className="px-3 py-3 font-medium text-stone-900">
                  <Link href={`/clients/${e.clientId}` as Route} className="hover:underline">
                    {e.clientName}
                  </Link>
                </td>
                <td className="max-w-md px-3 py-3">
                  <Link href={`/emails/${e.id}` as Route} className="text-ember-700 hover:underline">
                    {e.subject}
                  </Link>
                  <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1">
                    <span className="contents sm:hidden">
                      <TierBadge tier={e.tier} />
                      <EmailStateBadge state={e.state} />
                    </span>
                    <WriterBadge writer={e.writer} />
                    {e.origin === "outreach" ? <span className="text-xs text-stone-500">Automatic outreach</span> : null}
                    {e.orderedSince && REVIEWABLE_STATES.includes(e.state) ? (
                      <span className="text-xs font-medium text-amber-800">
                        Ordered again <LocalTime value={e.orderedSince} style="date" />: it will not be sent
                      </span>
                    ) : null}
                    {e.contactedSince && REVIEWABLE_STATES.includes(e.state) ? (
                      <span className="text-xs font-medium text-amber-800">
                        Contacted <LocalTime value={e.contactedSince} style="date" />, after this was {e.state === "draft" ? "drafted" : "approved"}
                      </span>
                    ) : null}
                    {showStylist && e.stylistName ? <span className="text-xs text-stone-500 md:hidden">{e.stylistName}</span> : null}
                    <span className="text-xs text-stone-500 lg:hidden">
                      Drafted <LocalTime value={e.createdAt} style="date" />
                    </span>
                  </div>
                </td>
                <td className="hidden px-3 py-3 sm:table-cell">
                  <TierBadge tier={e.tier} />
                </td>
                <td className="hidden px-3 py-3 sm:table-cell">
                  <EmailStateBadge state={e.state} />
                </td>
                {showStylist ? <td className="hidden px-3 py-3 text-stone-600 md:table-cell">{e.stylistName ?? "—"}</td> : null}
                <td className="hidden px-3 py-3 whitespace-nowrap text-stone-600 lg:table-cell">
                  <LocalTime value={e.createdAt} style="date" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </form>
  );
}
