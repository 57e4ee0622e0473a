/** The rendered email in a sandboxed frame: no scripts, no navigation, whatever the HTML holds. */
export function EmailPreview({ html, title }: { html: string; title: string }) {
  return <iframe title={title} srcDoc={html} sandbox="" className="h-[760px] w-full rounded-lg bg-stone-50 ring-1 ring-stone-200" />;
}
