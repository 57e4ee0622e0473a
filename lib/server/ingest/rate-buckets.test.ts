import { describe, expect, it } from "vitest";
import { createSharedRateLimiter } from "./rate-buckets";

describe("webhook rate buckets in Postgres", () => {
  it("hold across instances: two instances together allow one burst, not two", async () => {
    const options = { ratePerSecond: 0.001, burst: 40 };
    // Two limiters are two server instances: they share nothing but the database.
    const instances = [createSharedRateLimiter(options), createSharedRateLimiter(options)];
    const decisions = await Promise.all(Array.from({ length: 120 }, (_, i) => instances[i % 2]?.take("key:shared")));
    const allowed = decisions.filter((d) => d?.allowed).length;
    expect(allowed).toBeLessThanOrEqual(options.burst);
    // A lease left unspent in an instance is at most a tenth of the burst each.
    expect(allowed).toBeGreaterThanOrEqual(options.burst - 2 * (options.burst / 10));
    expect(decisions.find((d) => d && !d.allowed)).toMatchObject({ allowed: false, retryAfterSeconds: expect.any(Number) });
  });

  it("keeps senders apart", async () => {
    const limiter = createSharedRateLimiter({ ratePerSecond: 0.001, burst: 2 });
    expect((await limiter.take("key:a")).allowed).toBe(true);
    expect((await limiter.take("key:a")).allowed).toBe(true);
    expect((await limiter.take("key:a")).allowed).toBe(false);
    expect((await limiter.take("key:b")).allowed).toBe(true);
  });
});
