export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading today's list" className="animate-pulse">
      <div className="mb-6 h-8 w-40 rounded bg-stone-200" />
      <div className="mb-6 grid grid-cols-2 gap-4 sm:max-w-md">
        <div className="h-16 rounded-xl bg-stone-100" />
        <div className="h-16 rounded-xl bg-stone-100" />
      </div>
      <div className="rounded-xl bg-white p-4 ring-1 ring-stone-200">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="mb-3 h-16 rounded bg-stone-100" />
        ))}
      </div>
    </div>
  );
}
