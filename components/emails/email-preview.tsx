"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/** Until the email has loaded (and without its height), the frame is this tall. */
const FALLBACK_HEIGHT = 760;

/**
 * The rendered email in a sandboxed frame: no scripts, no navigation, whatever the HTML holds. Same-origin only so the
 * page can read how tall the email is and show it whole, without a second scrollbar inside the page (with no
 * scripts allowed, nothing in the email can use that access).
 */
export function EmailPreview({ html, title }: { html: string; title: string }) {
  const [height, setHeight] = useState<number | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const fit = useCallback(() => {
    // The document's own height, not its scroll height, which is never less than the frame's: a short email shrinks it.
    const content = frame.current?.contentDocument?.documentElement.getBoundingClientRect().height;
    if (content) setHeight(Math.ceil(content));
  }, []);
  // The frame may finish loading before the page is interactive, so its load event came and went: measure now too.
  useEffect(() => {
    if (frame.current?.contentDocument?.readyState === "complete") fit();
  }, [fit, html]);
  // A narrower window (a phone turned) makes the email taller, a wider one shorter: measure again.
  useEffect(() => {
    window.addEventListener("resize", fit);
    return () => window.removeEventListener("resize", fit);
  }, [fit]);
  return (
    <iframe
      title={title}
      srcDoc={html}
      sandbox="allow-same-origin"
      ref={frame}
      onLoad={fit}
      style={{ height: height ?? FALLBACK_HEIGHT }}
      className="w-full rounded-lg bg-stone-50 ring-1 ring-stone-200"
    />
  );
}
