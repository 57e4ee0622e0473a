import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./token-bucket";

describe("token bucket", () => {
  it("allows a burst, then refuses with the seconds until a token is back", () => {
    const limiter = createRateLimiter({ ratePerSecond: 2, burst: 3 });
    expect([0, 0, 0].map(() => limiter.take("k", 1000).allowed)).toEqual([true, true, true]);
    expect(limiter.take("k", 1000)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take("k", 1500).allowed).toBe(true); // half a second refills one token at 2/s
    expect(limiter.take("k", 1500).allowed).toBe(false);
  });

  it("keeps a bucket per key and never refills beyond the burst", () => {
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 2 });
    limiter.take("a", 0);
    limiter.take("a", 0);
    expect(limiter.take("a", 0).allowed).toBe(false);
    expect(limiter.take("b", 0).allowed).toBe(true);
    expect(limiter.take("a", 60_000).allowed).toBe(true);
    expect(limiter.take("a", 60_000).allowed).toBe(true);
    expect(limiter.take("a", 60_000).allowed).toBe(false);
  });

  it("forgets the least recently used keys beyond its size", () => {
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 1, maxKeys: 2 });
    limiter.take("a", 0);
    limiter.take("b", 0);
    limiter.take("c", 0);
    expect(limiter.size()).toBe(2);
    expect(limiter.take("a", 0).allowed).toBe(true); // forgotten, so it starts full again
  });

  it("checks without taking", () => {
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 2 });
    expect(limiter.check("a", 0)).toEqual({ allowed: true });
    limiter.take("a", 0);
    limiter.take("a", 0);
    expect(limiter.check("a", 0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.check("a", 1000)).toEqual({ allowed: true });
    expect(limiter.check("a", 1000)).toEqual({ allowed: true });
  });
});
