/** Placeholder shapes while a section loads; announced once as busy, with what is loading. */
export function Skeleton({ label, blocks = [] , rows = 6, rowClass = "h-10" }: { label: string; blocks?: string[]; rows?: number; rowClass?: string }) {
  return (
    <div aria-busy="true" role="status" aria-label={label} className="animate-pulse">
      <span className="sr-only">{label}…</span>
      <div className="mb-6 h-8 w-48 rounded bg-stone-200" />
      {blocks.length ? (
        <div className="mb-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
          {blocks.map((b, i) => (
            <div key={i} className={`rounded-xl bg-stone-100 ${b}`} />
          ))}
        </div>
      ) : null}
      <div className="rounded-xl bg-white p-4 ring-1 ring-stone-200">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className={`mb-3 rounded bg-stone-100 ${rowClass}`} />
        ))}
      </div>
    </div>
  );
}
