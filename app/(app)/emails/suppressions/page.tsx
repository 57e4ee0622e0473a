import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatNumber } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { tableHeadClass } from "@/components/ui/table";
import { formatTime } from "@/lib/domain/time/format";
import { requirePageContext } from "@/lib/server/auth/session";
import { listSuppressions, SUPPRESSIONS_SHOWN } from "@/lib/server/data/email-suppressions";
import { displayTimeZone } from "@/lib/server/http/viewer-time-zone";

export const metadata: Metadata = { title: "Suppression list" };

const REASONS = { unsubscribed: "Unsubscribed", bounced: "Bounced", complained: "Complained", manual: "Added by hand" } as const;

export default async function SuppressionsPage() {
  const ctx = await requirePageContext("analytics.view");
  const [{ rows, total }, zone] = await Promise.all([listSuppressions(ctx), displayTimeZone()]);
  return (
    <>
      <PageHeader
        title="Suppression list"
        description={`${formatNumber(total)} ${total === 1 ? "address" : "addresses"} never emailed again${total > SUPPRESSIONS_SHOWN ? `; the newest ${formatNumber(SUPPRESSIONS_SHOWN)} are shown` : ""}.`}
      />
      <Card>
        {rows.length === 0 ? (
          <EmptyState title="No suppressed addresses" description="Addresses land here when a client unsubscribes, an email bounces or someone complains; nothing to do until then." />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead className={tableHeadClass}>
                <tr>
                  <th className="px-5 py-2 text-left font-medium">Address</th>
                  <th className="px-5 py-2 text-left font-medium">Why</th>
                  <th className="px-5 py-2 text-left font-medium">Since</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.address} className="border-t border-stone-100">
                    <td className="px-5 py-2 break-all text-stone-900">{row.address}</td>
                    <td className="px-5 py-2 text-stone-700">{REASONS[row.reason]}</td>
                    <td className="px-5 py-2 text-stone-600">{formatTime(row.createdAt, zone)}</td>
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
