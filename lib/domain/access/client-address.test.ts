import { describe, expect, it } from "vitest";
import { normaliseAddress, resolveClientAddress } from "./client-address";

describe("resolveClientAddress", () => {
  it("uses the connection's address and ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(resolveClientAddress({ socketAddress: "198.51.100.4", forwardedFor: "203.0.113.9", trusted: { kind: "none" } })).toBe("198.51.100.4");
  });

  it("ignores X-Forwarded-For from a connection that is not a trusted proxy", () => {
    const trusted = { kind: "proxies", addresses: ["10.0.0.2"] } as const;
    expect(resolveClientAddress({ socketAddress: "198.51.100.4", forwardedFor: "203.0.113.9", trusted })).toBe("198.51.100.4");
  });

  it("believes the entry a trusted proxy appended, and no entry further left", () => {
    const trusted = { kind: "proxies", addresses: ["10.0.0.2"] } as const;
    // The client sent "X-Forwarded-For: 1.2.3.4" itself; the proxy appended the address it saw.
    expect(resolveClientAddress({ socketAddress: "10.0.0.2", forwardedFor: "1.2.3.4, 203.0.113.9", trusted })).toBe("203.0.113.9");
  });

  it("walks through a chain of trusted proxies", () => {
    const trusted = { kind: "proxies", addresses: ["10.0.0.2", "10.0.0.3"] } as const;
    expect(resolveClientAddress({ socketAddress: "10.0.0.2", forwardedFor: "1.2.3.4, 203.0.113.9, 10.0.0.3", trusted })).toBe("203.0.113.9");
  });

  it("stays with the proxy when it forwarded no header", () => {
    const trusted = { kind: "proxies", addresses: ["10.0.0.2"] } as const;
    expect(resolveClientAddress({ socketAddress: "::ffff:10.0.0.2", forwardedFor: undefined, trusted })).toBe("10.0.0.2");
  });

  it("groups callers without a known address", () => {
    expect(resolveClientAddress({ socketAddress: undefined, forwardedFor: "1.2.3.4", trusted: { kind: "none" } })).toBe("unknown");
  });

  it("treats IPv4-mapped IPv6 addresses as IPv4", () => {
    expect(normaliseAddress("::FFFF:203.0.113.7")).toBe("203.0.113.7");
    expect(normaliseAddress("2001:db8::1")).toBe("2001:db8::1");
  });
});
