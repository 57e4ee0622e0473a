/**
 * Chance of at least one order in the horizon, from what the scores store: P(alive) and the expected number of
 * orders (which already weighs in P(alive)). Orders of a client who is alive are taken as Poisson with the mean that
 * gives the stored expectation, so the chance is P(alive) × (1 − e^(−E / P(alive))). Null when the model has not
 * scored the client.
 */
export function chanceOfOrder(pAlive: number | null, expectedOrders: number | null): number | null {
  if (pAlive === null || expectedOrders === null || !Number.isFinite(pAlive) || !Number.isFinite(expectedOrders)) return null;
  if (pAlive <= 0 || expectedOrders <= 0) return 0;
  const alive = Math.min(1, pAlive);
  return alive * (1 - Math.exp(-expectedOrders / alive));
}
