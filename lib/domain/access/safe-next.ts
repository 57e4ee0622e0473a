/** Where a signed-in user lands when no (acceptable) destination was asked for. */
export const DEFAULT_AFTER_SIGN_IN = "/clients";

const BASE = "http://rekindle.invalid";
// Backslashes and control characters (tab, CR, LF…) are what browsers rewrite or drop while parsing, turning `/\host` or `/<tab>/host` into `//host`.
const SUSPICIOUS = /[\\\u0000-\u001f\u007f]/;
const MAX_DECODES = 3;

/** Each percent-decoding of `text` in turn (a couple of layers are enough to undo any double encoding). */
function decodings(text: string): string[] {
  const layers = [text];
  let current = text;
  for (let i = 0; i < MAX_DECODES; i++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return layers;
    }
    if (decoded === current) break;
    layers.push(decoded);
    current = decoded;
  }
  return layers;
}

/**
 * The same-origin path to go to after sign-in, or null. Accepts only a path that starts with one `/`,
 * with no backslash, control character or second leading slash in it or in any percent-decoding of it,
 * and that resolves to this site; returns it normalised (as the URL parser serialises it).
 */
export function sameOriginPath(candidate: unknown): string | null {
  if (typeof candidate !== "string" || candidate.length === 0 || candidate.length > 2000) return null;
  for (const layer of decodings(candidate)) {
    if (!layer.startsWith("/") || layer.startsWith("//") || SUSPICIOUS.test(layer)) return null;
  }
  let url: URL;
  try {
    url = new URL(candidate, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("//") ? null : path;
}

/** The destination after sign-in: the asked-for path when it is safe, else the default page. */
export function afterSignInPath(candidate: unknown): string {
  return sameOriginPath(candidate) ?? DEFAULT_AFTER_SIGN_IN;
}

/**
 * For Auth.js's `redirect` callback, which may be handed a path or an absolute URL: an absolute URL on
 * `origin` for a safe same-origin destination, else for the default page.
 */
export function sameOriginRedirect(url: string, origin: string): string {
  let candidate: string | null = url;
  if (!url.startsWith("/")) {
    try {
      const parsed = new URL(url);
      candidate = parsed.origin === origin ? `${parsed.pathname}${parsed.search}${parsed.hash}` : null;
    } catch {
      candidate = null;
    }
  }
  return `${origin}${afterSignInPath(candidate)}`;
}
