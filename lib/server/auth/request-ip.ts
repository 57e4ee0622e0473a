import "server-only";

/** The caller's address as the nearest proxy reports it; "unknown" groups callers we cannot tell apart. */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || "unknown";
}
