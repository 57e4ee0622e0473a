import { type NextRequest, NextResponse } from "next/server";

/**
 * An address with a malformed %-escape (a link cut short when it was copied: "/unsubscribe/%E0%A4%A") is answered
 * here: Next.js fails decoding it as a route's parameter and answers 500. An unsubscribe link so cut is sent to the
 * page that says the link does not work; anything else gets a 400 that says what is wrong.
 */
export function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  if (!path.includes("%") || decodes(path)) return NextResponse.next();
  if (request.method === "GET" && path.startsWith("/unsubscribe/")) return NextResponse.redirect(new URL("/unsubscribe/invalid", request.url));
  return new NextResponse("This address holds a malformed %-escape; it may have been cut short when it was copied.\n", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
}

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

// Every address but the build's own files.
export const config = { matcher: ["/((?!_next/static|_next/image).*)"] };
