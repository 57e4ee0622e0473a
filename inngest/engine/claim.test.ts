import { describe, expect, it } from "vitest";
import { LEASE_MS, claimRuns } from "./claim";
import { insertRuns, type NewRun } from "./ingest";

const at = new Date(Date.now() - 60_000);
const run = (key: string | null, limit: number | null, n: number): NewRun => ({
  appId: "claim-test",
  functionId: "fn",
  functionName: "fn",
  events: [{ id: `e-${key}-${n}`, name: "test/claim", data: { n }, ts: at.getTime() + n }],
  maxAttempts: 1,
  nextAt: new Date(at.getTime() + n),
  status: "queued",
  concurrencyKey: key,
  concurrencyLimit: limit,
  debounceKey: null,
  debounceUntil: null,
});
// Each run is due n ms after `at`: its number.
const numbers = (runs: Awaited<ReturnType<typeof claimRuns>>) => runs.map((r) => r.nextAt.getTime() - at.getTime()).sort((a, b) => a - b);

describe("claiming runs", () => {
  it("claims due runs oldest first, at most a key's limit under a live lease, and takes over an expired lease", async () => {
    await insertRuns([run("a", 1, 1), run("a", 1, 2), run("b", 2, 3), run("b", 2, 4), run("b", 2, 5), run(null, null, 6), run("c", 0, 7), run("c", 0, 8)]);
    const first = await claimRuns(new Date(), 10);
    // One of "a" (limit 1), two of "b" (limit 2), the keyless one, and "c" whose limit 0 means none.
    expect(numbers(first)).toEqual([1, 3, 4, 6, 7, 8]);
    expect(first.every((r) => r.status === "running" && r.leaseToken && r.leaseUntil instanceof Date)).toBe(true);
    // While those leases live, the keys are full.
    expect(await claimRuns(new Date(), 10)).toEqual([]);
    // Their instance died: after the lease, the runs are taken over (with new tokens), and the keys stay full.
    const later = new Date(Date.now() + LEASE_MS + 1_000);
    const takenOver = await claimRuns(later, 10);
    expect(numbers(takenOver)).toEqual([1, 3, 4, 6, 7, 8]);
    expect(takenOver.map((r) => r.leaseToken)).not.toContain(first[0]?.leaseToken);
  });

  it("claims no more than asked", async () => {
    await insertRuns([run(null, null, 1), run(null, null, 2), run(null, null, 3)]);
    expect(numbers(await claimRuns(new Date(), 2))).toEqual([1, 2]);
    expect(numbers(await claimRuns(new Date(), 2))).toEqual([3]);
  });
});
