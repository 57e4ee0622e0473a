// A probability as a stylist would say it: a plain word for how likely, and the whole percentage.

export function chanceWord(probability: number): string {
  const p = Math.min(1, Math.max(0, probability));
  return p >= 0.9 ? "Almost certain" : p >= 0.65 ? "Likely" : p >= 0.35 ? "About even" : p >= 0.1 ? "Unlikely" : "Very unlikely";
}

/** "72% chance of an order in the next 90 days". */
export function orderChanceText(probability: number, days: number): string {
  const percent = Math.round(Math.min(1, Math.max(0, probability)) * 100);
  return `${percent}% chance of an order in the next ${days} days`;
}
