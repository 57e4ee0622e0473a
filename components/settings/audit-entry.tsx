import type { Route } from "next";
import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { actionText, describedChanges } from "@/lib/domain/audit/describe";

const MAX_CHANGES = 12;

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

function show(value: unknown): React.ReactNode {
  if (value === undefined || value === null || value === "") return "—";
  if (typeof value === "string" && ISO_TIME.test(value)) return <LocalTime value={value} />;
  if (Array.isArray(value)) return value.length ? value.join(", ") : "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

type AuditEntryView = {
  id: string;
  action: string;
  actorLabel: string;
  entityType: string;
  subjectName: string | null;
  subjectClientId: string | null;
  before: unknown;
  after: unknown;
  createdAt: Date;
};

/** One entry as a sentence ("Alex Admin changed the role of Priya Shah"), when, and what changed. */
export function AuditEntryRow({ entry }: { entry: AuditEntryView }) {
  const changes = describedChanges(entry.before, entry.after);
  const subject = entry.subjectName ? (
    entry.subjectClientId ? (
      <Link href={`/clients/${entry.subjectClientId}` as Route} className="font-medium text-stone-900 underline decoration-stone-300 hover:decoration-stone-600">
        {entry.subjectName}
      </Link>
    ) : (
      <span className="font-medium">{entry.subjectName}</span>
    )
  ) : null;
  return (
    <li className="px-5 py-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm text-stone-900">
          <span className="font-medium">{entry.actorLabel}</span> {actionText(entry.action)} {subject}
        </p>
        <LocalTime value={entry.createdAt} className="text-xs text-stone-500" />
      </div>
      {changes.length ? (
        <dl className="mt-2 grid gap-x-4 gap-y-1 text-xs sm:grid-cols-[14rem_1fr]">
          {changes.slice(0, MAX_CHANGES).map((c) => (
            <div key={c.field} className="contents">
              <dt className="text-stone-500">{c.label}</dt>
              <dd className="break-words text-stone-800">
                <span className="text-red-700 line-through decoration-red-300">{show(c.before)}</span> → <span className="text-emerald-800">{show(c.after)}</span>
              </dd>
            </div>
          ))}
          {changes.length > MAX_CHANGES ? <p className="text-stone-500 sm:col-span-2">and {changes.length - MAX_CHANGES} more</p> : null}
        </dl>
      ) : null}
    </li>
  );
}
