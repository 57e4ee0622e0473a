import { DAY_MS, type OrderPlan } from "./archetypes";
import { ITEM_PRICE_RANGE, pickItemsShipped, type DemoBudgetBand } from "./catalog";
import type { Rng } from "./prng";
import type { DemoOrder, DemoOrderStatus } from "./types";

const CANCEL_RATE = 0.025;
/** A fix ordered this recently has not shipped yet. */
const PLACED_WITHIN_MS = 4 * DAY_MS;

/** What this client tends to keep and spend: fixed per client, so some clients are simply better customers. */
type BuyingHabits = { keepRate: number; itemPriceDollars: number };

export function buyingHabits(rng: Rng, band: DemoBudgetBand | null): BuyingHabits {
  // Mean of three uniforms: a hump around 48% kept, rarely below 20% or above 75%.
  const keepRate = 0.12 + 0.72 * ((rng.next() + rng.next() + rng.next()) / 3);
  const [low, high] = ITEM_PRICE_RANGE[band ?? "50_100"];
  return { keepRate, itemPriceDollars: rng.range(low, high) };
}

function binomial(rng: Rng, trials: number, probability: number): number {
  let hits = 0;
  for (let i = 0; i < trials; i++) if (rng.next() < probability) hits++;
  return hits;
}

/** Price tags like $64.99, scattered around the client's usual price level. */
function keptValueCents(rng: Rng, items: number, priceDollars: number): number {
  let cents = 0;
  for (let i = 0; i < items; i++) cents += Math.max(1, Math.round(priceDollars * rng.range(0.7, 1.35))) * 100 - 1;
  return cents;
}

/** A whole second some days after `at`, but never after asOf. */
function daysLater(rng: Rng, at: number, minDays: number, maxDays: number, asOfMs: number): Date {
  return new Date(Math.floor(Math.min(at + rng.range(minDays, maxDays) * DAY_MS, asOfMs) / 1000) * 1000);
}

export function buildOrders(rng: Rng, plan: OrderPlan, habits: BuyingHabits, clientIndex: number, asOfMs: number): DemoOrder[] {
  const last = plan.orders.length - 1;
  return plan.orders.map((planned, n) => {
    const itemsShipped = pickItemsShipped(rng);
    let status: DemoOrderStatus;
    let itemsKept = 0;
    let valueCents = 0;
    let updatedAt: Date;
    if (rng.chance(CANCEL_RATE)) {
      status = "cancelled";
      updatedAt = daysLater(rng, planned.at, 0, 1, asOfMs);
    } else if (n === last && planned.at > asOfMs - PLACED_WITHIN_MS) {
      status = "placed";
      updatedAt = new Date(planned.at);
    } else {
      const keepProbability = Math.min(Math.max(habits.keepRate * planned.keepFactor, 0.02), 0.95);
      itemsKept = binomial(rng, itemsShipped, keepProbability);
      valueCents = keptValueCents(rng, itemsKept, habits.itemPriceDollars);
      // Sending the whole box back is what "returned" means; keeping anything is a normal shipped fix.
      status = itemsKept === 0 ? "returned" : "shipped";
      updatedAt = itemsKept === 0 ? daysLater(rng, planned.at, 10, 20, asOfMs) : daysLater(rng, planned.at, 7, 14, asOfMs);
    }
    return {
      id: rng.uuid(),
      externalId: `demo-${clientIndex}-${n + 1}`,
      orderedAt: new Date(planned.at),
      itemsShipped,
      itemsKept,
      valueCents,
      currency: "USD",
      status,
      updatedAt,
    };
  });
}
