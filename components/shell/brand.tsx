export function Brand({ className = "" }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-semibold tracking-tight ${className}`}>
      <svg aria-hidden viewBox="0 0 24 24" className="size-6 text-ember-500" fill="currentColor">
        <path d="M12 2c1.8 3.6 5.5 5.6 5.5 10.4A5.5 5.5 0 0 1 12 18a5.5 5.5 0 0 1-5.5-5.6c0-3 1.8-4.2 2.4-6 1.2 1.8 3.1 1.8 3.1-4.4Z" />
        <rect x="5" y="20" width="14" height="2" rx="1" opacity=".5" />
      </svg>
      Rekindle
    </span>
  );
}
