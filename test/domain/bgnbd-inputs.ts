// Test helper: BG/NBD inputs in whole days, spread as a shop's histories are, from a fixed seed.
import type { BgNbdCustomer } from "@/lib/domain/engagement/bgnbd";

export function sampleBgNbdInputs(n: number): BgNbdCustomer[] {
  let seed = 7;
  const next = (below: number) => {
    seed = (seed * 48271) % 2147483647;
    return seed % below;
  };
  return Array.from({ length: n }, () => {
    const tDays = 1 + next(700);
    const x = next(12);
    const txDays = x === 0 ? 0 : next(tDays + 1);
    return { x, tx: txDays / 7, T: tDays / 7 };
  });
}
