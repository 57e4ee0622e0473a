import { weightedPicker, type Rng } from "./prng";

/** How a demo client behaves over time; the mix is what makes engagement scores and win-back lists interesting. */
export const ARCHETYPES = ["steady", "slowing", "lapsed", "new", "erratic"] as const;
export type Archetype = (typeof ARCHETYPES)[number];

// Tuned so the default 2,000 clients come out near 20,000 orders (about 10 each) over the two-year history.
export const pickArchetype = weightedPicker<Archetype>([
  ["steady", 0.42],
  ["slowing", 0.17],
  ["lapsed", 0.2],
  ["new", 0.06],
  ["erratic", 0.15],
]);

export const DAY_MS = 86_400_000;
/** Orders are generated for this many days before asOf. */
export const HISTORY_DAYS = 730;

/** When an order happens and how much keener (>1) or less keen (<1) than usual the client is about it. */
export type PlannedOrder = { at: number; keepFactor: number };
export type OrderPlan = { joinedAt: number; orders: PlannedOrder[] };

type Window = { start: number; end: number };

/** Every 4 to 12 weeks, skewed towards the frequent end as real subscriptions are. */
const cadenceDays = (rng: Rng) => 28 + 56 * rng.next() ** 1.6;
const jitteredGap = (rng: Rng, days: number) => (days * rng.range(0.85, 1.2) + rng.range(-3, 3)) * DAY_MS;

/** Clients who signed up a while ago: either before the history window (first order at a random phase) or inside it. */
function establishedStart(rng: Rng, window: Window, cadence: number) {
  const joinedAt = window.end - rng.range(60, 1800) * DAY_MS;
  const first = joinedAt < window.start ? window.start + rng.next() * cadence * DAY_MS : joinedAt + rng.range(0, 3) * DAY_MS;
  return { joinedAt, first };
}

function steady(rng: Rng, window: Window): OrderPlan {
  const cadence = cadenceDays(rng);
  const { joinedAt, first } = establishedStart(rng, window, cadence);
  const orders: PlannedOrder[] = [];
  for (let at = first; at <= window.end; at += jitteredGap(rng, cadence)) orders.push({ at, keepFactor: 1 });
  return { joinedAt, orders };
}

/** Regular until some months ago, then each gap longer than the last and fewer items kept. */
function slowing(rng: Rng, window: Window): OrderPlan {
  let cadence = cadenceDays(rng);
  const slowFrom = window.end - rng.range(180, 420) * DAY_MS;
  const growth = rng.range(1.15, 1.35);
  const start = establishedStart(rng, window, cadence);
  const joinedAt = Math.min(start.joinedAt, slowFrom - rng.range(90, 400) * DAY_MS);
  const orders: PlannedOrder[] = [];
  let keepFactor = 1;
  for (let at = Math.max(start.first, joinedAt); at <= window.end; at += jitteredGap(rng, cadence)) {
    orders.push({ at, keepFactor });
    if (at > slowFrom) {
      cadence *= growth;
      keepFactor *= 0.92;
    }
  }
  return { joinedAt, orders };
}

/** Stopped ordering 4 to 20 months ago, after a few disappointing fixes. */
function lapsed(rng: Rng, window: Window): OrderPlan {
  const cadence = cadenceDays(rng);
  const stoppedAt = window.end - rng.range(130, 600) * DAY_MS;
  const start = establishedStart(rng, window, cadence);
  const joinedAt = Math.min(start.joinedAt, stoppedAt - rng.range(20, 400) * DAY_MS);
  const times: number[] = [];
  for (let at = Math.max(start.first, joinedAt); at <= stoppedAt; at += jitteredGap(rng, cadence)) times.push(at);
  if (times.length === 0) times.push(Math.max(stoppedAt, window.start));
  const orders = times.map((at, i) => ({ at, keepFactor: i >= times.length - 3 ? 0.6 : 1 }));
  return { joinedAt, orders };
}

/** Joined in the last six weeks: one fix, sometimes a second. */
function brandNew(rng: Rng, window: Window): OrderPlan {
  const joinedAt = window.end - rng.range(1, 42) * DAY_MS;
  const first = Math.min(joinedAt + rng.range(0, 1.5) * DAY_MS, window.end);
  const orders: PlannedOrder[] = [{ at: first, keepFactor: 1.1 }];
  const second = first + rng.range(21, 35) * DAY_MS;
  if (rng.chance(0.45) && second <= window.end) orders.push({ at: second, keepFactor: 1 });
  return { joinedAt, orders };
}

/** Orders when the mood strikes: gaps from two weeks to eight months, enthusiasm up and down. */
function erratic(rng: Rng, window: Window): OrderPlan {
  const typicalGap = () => (14 + 220 * rng.next() ** 2) * DAY_MS;
  const { joinedAt, first } = establishedStart(rng, window, 60);
  const orders: PlannedOrder[] = [];
  for (let at = first; at <= window.end; at += typicalGap()) orders.push({ at, keepFactor: rng.range(0.6, 1.3) });
  return { joinedAt, orders };
}

const PLANNERS: Record<Archetype, (rng: Rng, window: Window) => OrderPlan> = {
  steady,
  slowing,
  lapsed,
  new: brandNew,
  erratic,
};

/** Order times (whole seconds, inside the history window, oldest first) for one client of the given archetype. */
export function planOrders(rng: Rng, archetype: Archetype, asOfMs: number): OrderPlan {
  const window = { start: asOfMs - HISTORY_DAYS * DAY_MS, end: asOfMs };
  const plan = PLANNERS[archetype](rng, window);
  const toSecond = (ms: number) => Math.floor(ms / 1000) * 1000;
  const clamp = (ms: number) => Math.min(Math.max(ms, window.start), window.end);
  const orders = plan.orders.map((order) => ({ at: toSecond(clamp(order.at)), keepFactor: order.keepFactor }));
  return { joinedAt: toSecond(plan.joinedAt), orders };
}
