/**
 * Whom the app believes about the caller's address: nobody (the connection's own address), the hosting
 * platform (Vercel sets X-Vercel-Forwarded-For itself), or the listed reverse proxies' X-Forwarded-For.
 */
export type ProxyTrust = { kind: "none" } | { kind: "vercel" } | { kind: "proxies"; addresses: readonly string[] };

/** `::ffff:203.0.113.7` (IPv4 seen through an IPv6 socket) and `203.0.113.7` are the same caller. */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim().toLowerCase();
  return trimmed.startsWith("::ffff:") && trimmed.includes(".") ? trimmed.slice(7) : trimmed;
}

/**
 * The caller's address from the connection and its X-Forwarded-For header. Each proxy appends the address it
 * received the request from, so the list is read from the right: while the hop we got it from is a trusted
 * proxy, the entry it wrote is believed; the first address not ours is the caller. A header from anyone
 * else is ignored, so a client cannot choose its own address.
 */
export function resolveClientAddress(input: { socketAddress: string | undefined; forwardedFor: string | undefined; trusted: ProxyTrust }): string {
  let current = input.socketAddress ? normaliseAddress(input.socketAddress) : "unknown";
  if (input.trusted.kind !== "proxies") return current;
  const trusted = new Set(input.trusted.addresses);
  const hops = (input.forwardedFor ?? "")
    .split(",")
    .map((hop) => normaliseAddress(hop))
    .filter(Boolean);
  while (trusted.has(current)) {
    const previous = hops.pop();
    if (!previous) break;
    current = previous;
  }
  return current;
}
