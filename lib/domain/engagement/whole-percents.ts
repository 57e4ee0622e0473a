/**
 * Shares of a whole (fractions adding up to 1) as whole percents that add up to 100: each rounded down, then the
 * points left over go to the largest remainders. Rounding each alone shows weights of 25%, 37%, 22%, 0% and 15%
 * for a score whose weights make 100%.
 */
export function wholePercents(shares: readonly number[]): number[] {
  const exact = shares.map((share) => Math.max(0, share) * 100);
  const total = exact.reduce((sum, value) => sum + value, 0);
  const floors = exact.map(Math.floor);
  const left = Math.round(total) - floors.reduce((sum, value) => sum + value, 0);
  const byRemainder = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) })).sort((a, b) => b.remainder - a.remainder);
  for (const { index } of byRemainder.slice(0, Math.max(0, left))) floors[index] = (floors[index] ?? 0) + 1;
  return floors;
}
