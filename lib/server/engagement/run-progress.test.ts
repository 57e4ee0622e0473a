import { describe, expect, it } from "vitest";
import { RunProgress } from "./run-progress";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("RunProgress", () => {
  it("stores additions one after another, in the order they were made, without the caller waiting", async () => {
    const stored: number[] = [];
    let inFlight = 0;
    const progress = new RunProgress(async (clients) => {
      inFlight++;
      expect(inFlight).toBe(1);
      await tick();
      stored.push(clients);
      inFlight--;
    });
    progress.add(3);
    progress.add(5);
    progress.add(7);
    expect(stored).toEqual([]);
    await progress.settled();
    expect(stored).toEqual([3, 5, 7]);
  });

  it("reports a failed update when settled, and stores nothing after it", async () => {
    const stored: number[] = [];
    const progress = new RunProgress(async (clients) => {
      if (clients === 2) throw new Error("connection lost");
      stored.push(clients);
    });
    progress.add(1);
    progress.add(2);
    progress.add(3);
    await expect(progress.settled()).rejects.toThrow("connection lost");
    expect(stored).toEqual([1]);
  });
});
