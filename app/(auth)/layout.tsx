import { Brand } from "@/components/shell/brand";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="grid min-h-dvh lg:grid-cols-2">
      <div className="hidden flex-col justify-between bg-ink-950 p-12 text-stone-200 lg:flex">
        <Brand className="text-xl text-white" />
        <blockquote className="max-w-md">
          <p className="text-2xl leading-snug font-medium text-white">Notice who is drifting away before they are gone, and win them back in your own voice.</p>
          <p className="mt-4 text-sm text-stone-400">Engagement scores with reasons, win-back emails grounded in each client&apos;s history, and a holdout that shows what worked.</p>
        </blockquote>
        <p className="text-xs text-stone-400">Rekindle · client retention for subscription styling</p>
      </div>
      <main className="flex items-center justify-center px-5 py-12">
        <div className="w-full max-w-sm">
          <Brand className="mb-10 text-xl text-stone-900 lg:hidden" />
          {children}
        </div>
      </main>
    </div>
  );
}
