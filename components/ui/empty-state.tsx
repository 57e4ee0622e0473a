import type { ReactNode } from "react";

/** What a list or panel shows when it has nothing. Its title is a line, not a heading: it sits under cards' h2s and pages' h1s alike. */
export function EmptyState({ title, description, action }: { title: string; description?: string; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center px-6 py-14 text-center">
      <div aria-hidden className="mb-4 grid size-12 place-items-center rounded-full bg-ember-50 text-ember-600 ring-1 ring-ember-100">
        <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.8">
          <path d="M12 3c1.5 3 4.5 4.5 4.5 8.5A4.5 4.5 0 0 1 12 16a4.5 4.5 0 0 1-4.5-4.5C7.5 9 9 8 9.5 6.5 10.5 8 12 8 12 3Z" />
          <path d="M6 20h12" strokeLinecap="round" />
        </svg>
      </div>
      <p className="text-base font-semibold text-stone-900">{title}</p>
      {description ? <p className="mt-1 max-w-sm text-sm text-stone-500">{description}</p> : null}
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  );
}
