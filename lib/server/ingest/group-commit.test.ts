import { describe, expect, it } from "vitest";
import { createGroupCommitter } from "./group-commit";

/** A commit that records each group it is given and answers each job with its double, or fails on a poisoned job. */
function recorder(options: { concurrency?: number; maxGroupSize?: number; sizeOf?: (job: number) => number } = {}) {
  const groups: number[][] = [];
  let open = 0;
  let mostOpen = 0;
  const release: (() => void)[] = [];
  const submit = createGroupCommitter<number, number>({
    concurrency: options.concurrency ?? 1,
    maxGroupSize: options.maxGroupSize ?? 100,
    sizeOf: options.sizeOf,
    commit: async (jobs) => {
      groups.push(jobs);
      mostOpen = Math.max(mostOpen, ++open);
      // Hold the first group until told, so later jobs pile up behind it.
      if (groups.length === 1) await new Promise<void>((resolve) => release.push(resolve));
      open--;
      if (jobs.includes(-1)) throw new Error("poisoned");
      return jobs.map((j) => j * 2);
    },
  });
  return { submit, groups, mostOpen: () => mostOpen, releaseFirst: () => release.shift()?.() };
}

const settle = <T>(promises: Promise<T>[]) => Promise.allSettled(promises);
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("createGroupCommitter", () => {
  it("commits jobs submitted together as one group and answers each caller with its own result", async () => {
    const { submit, groups, releaseFirst } = recorder();
    const results = Promise.all([1, 2, 3].map(submit));
    await nextTurn();
    releaseFirst();
    expect(await results).toEqual([2, 4, 6]);
    expect(groups).toEqual([[1, 2, 3]]);
  });

  it("gathers the jobs that arrive while a group is committing into the next group", async () => {
    const { submit, groups, releaseFirst, mostOpen } = recorder();
    const first = submit(1);
    await nextTurn();
    const later = [2, 3, 4].map(submit);
    await nextTurn();
    releaseFirst();
    expect(await Promise.all([first, ...later])).toEqual([2, 4, 6, 8]);
    expect(groups).toEqual([[1], [2, 3, 4]]);
    expect(mostOpen()).toBe(1);
  });

  it("caps a group by size, and still commits a job larger than the cap, alone", async () => {
    const { submit, groups, releaseFirst } = recorder({ maxGroupSize: 10, sizeOf: (job) => job });
    const results = Promise.all([4, 5, 3, 12, 1].map(submit));
    await nextTurn();
    releaseFirst();
    await results;
    expect(groups).toEqual([[4, 5], [3], [12], [1]]);
  });

  it("when a group fails, commits its jobs one by one, so only the faulty one fails", async () => {
    const { submit, groups, releaseFirst } = recorder();
    const first = submit(0);
    await nextTurn();
    const later = settle([5, -1, 7].map(submit));
    await nextTurn();
    releaseFirst();
    await first;
    const outcomes = await later;
    expect(outcomes.map((o) => (o.status === "fulfilled" ? o.value : (o.reason as Error).message))).toEqual([10, "poisoned", 14]);
    expect(groups).toEqual([[0], [5, -1, 7], [5], [-1], [7]]);
  });

  it("runs at most `concurrency` groups at once", async () => {
    const { submit, mostOpen, releaseFirst } = recorder({ concurrency: 2 });
    const first = submit(1);
    await nextTurn();
    const rest = [2, 3].map(submit);
    await nextTurn();
    const more = [4, 5].map(submit);
    await nextTurn();
    releaseFirst();
    await Promise.all([first, ...rest, ...more]);
    expect(mostOpen()).toBe(2);
  });
});
