// In its own route group so the loading skeleton wraps only the list: a client page that is not
// found must answer 404 before anything streams.
export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading clients" className="animate-pulse">
      <div className="mb-6 h-8 w-48 rounded bg-stone-200" />
      <div className="rounded-xl bg-white p-4 ring-1 ring-stone-200">
        <div className="mb-4 h-9 rounded bg-stone-100" />
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="mb-3 h-10 rounded bg-stone-100" />
        ))}
      </div>
    </div>
  );
}
