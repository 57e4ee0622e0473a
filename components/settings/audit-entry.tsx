import { changedFields } from "@/lib/domain/audit/changes";

const time = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function show(value: unknown): string {
  if (value === undefined || value === null || value === "") return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function AuditEntryRow({ entry }: { entry: { id: string; action: string; actorLabel: string; entityType: string; entityId: string | null; before: unknown; after: unknown; createdAt: Date } }) {
  const changes = changedFields(entry.before, entry.after).slice(0, 12);
  return (
    <li className="px-5 py-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm text-stone-900">
          <span className="font-mono text-xs font-semibold text-ember-700">{entry.action}</span>
          <span className="text-stone-500"> by </span>
          {entry.actorLabel}
        </p>
        <time className="text-xs text-stone-500" dateTime={entry.createdAt.toISOString()}>
          {time.format(entry.createdAt)} UTC
        </time>
      </div>
      {changes.length ? (
        <dl className="mt-2 grid gap-x-4 gap-y-1 text-xs sm:grid-cols-[12rem_1fr]">
          {changes.map((c) => (
            <div key={c.field} className="contents">
              <dt className="font-mono text-stone-500">{c.field}</dt>
              <dd className="break-all text-stone-800">
                <span className="text-red-700 line-through decoration-red-300">{show(c.before)}</span> → <span className="text-emerald-800">{show(c.after)}</span>
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </li>
  );
}
