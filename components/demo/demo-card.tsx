import type { ReactNode } from "react";

/** A card for demo controls, marked so nobody takes it for everyday work: dashed violet frame and a "Demo" label. */
export function DemoCard({ title, description, children, testId }: { title: string; description: string; children: ReactNode; testId?: string }) {
  return (
    <section className="rounded-xl border-2 border-dashed border-violet-300 bg-white" data-testid={testId}>
      <div className="border-b border-violet-200 px-5 py-4">
        <h2 className="flex items-center gap-2 text-base font-semibold text-stone-900">
          <span className="rounded bg-violet-700 px-1.5 py-0.5 text-[0.7rem] font-semibold tracking-wide text-white uppercase">Demo</span>
          {title}
        </h2>
        <p className="mt-0.5 text-sm text-stone-600">{description}</p>
      </div>
      <div className="p-5">{children}</div>
    </section>
  );
}
