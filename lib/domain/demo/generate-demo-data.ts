import { pickArchetype, planOrders } from "./archetypes";
import { buildOrders, buyingHabits } from "./client-orders";
import { buildClientProfile } from "./client-profile";
import { createRng } from "./prng";
import { ORDERS_SALT, PROFILE_SALT } from "./salts";
import { demoStaff, stylistPicker } from "./staff";
import type { DemoClient, DemoUser } from "./types";

export const DEFAULT_CLIENT_COUNT = 2000;
// Small chunks keep generated objects short-lived: at 1,000 clients per chunk, garbage collection triples the run time.
const DEFAULT_CHUNK_SIZE = 200;

type DemoDataOptions = {
  seed: number;
  /** "Now" for the data set: orders fall in the two years before it. Passed in so output never depends on the clock. */
  asOf: Date;
  clients: number;
  stylists?: number;
  chunkSize?: number;
};

type DemoContext = { seed: number; asOfMs: number; pickStylist: ReturnType<typeof stylistPicker>; staff: DemoUser[] };

export function createDemoContext(options: Pick<DemoDataOptions, "seed" | "asOf" | "stylists">): DemoContext {
  const asOfMs = options.asOf.getTime();
  if (!Number.isFinite(asOfMs)) throw new Error("asOf must be a valid date");
  const staff = demoStaff({ seed: options.seed, stylists: options.stylists });
  const stylists = staff.filter((user) => user.role === "stylist");
  return { seed: options.seed, asOfMs, staff, pickStylist: stylistPicker(options.seed, stylists) };
}

/**
 * Client number `index`, with its orders. Each client draws from its own streams seeded by (seed, index),
 * so the result does not depend on how many clients are generated or in what chunks.
 */
function generateDemoClient(index: number, context: DemoContext): DemoClient {
  const profileRng = createRng(context.seed, index, PROFILE_SALT);
  const profile = buildClientProfile(profileRng, index);
  const stylistId = context.pickStylist(profileRng);

  const ordersRng = createRng(context.seed, index, ORDERS_SALT);
  const archetype = pickArchetype(ordersRng);
  const plan = planOrders(ordersRng, archetype, context.asOfMs);
  const orders = buildOrders(ordersRng, plan, buyingHabits(ordersRng, profile.budgetBand), index, context.asOfMs);

  let lastOrderMs = -Infinity;
  let orderCount = 0;
  let updatedMs = plan.joinedAt;
  for (const order of orders) {
    updatedMs = Math.max(updatedMs, order.updatedAt.getTime());
    if (order.status === "cancelled") continue;
    orderCount++;
    lastOrderMs = Math.max(lastOrderMs, order.orderedAt.getTime());
  }
  return {
    index,
    archetype,
    ...profile,
    stylistId,
    createdAt: new Date(plan.joinedAt),
    updatedAt: new Date(updatedMs),
    lastOrderAt: orderCount > 0 ? new Date(lastOrderMs) : null,
    orderCount,
    orders,
  };
}

/** Yields the clients in chunks, so a million of them (and ten million orders) never sit in memory together. */
export function* generateDemoClientChunks(options: DemoDataOptions): Generator<DemoClient[], void, undefined> {
  const { clients, chunkSize = DEFAULT_CHUNK_SIZE } = options;
  if (!Number.isInteger(clients) || clients < 0) throw new Error(`clients must be a non-negative integer, got ${clients}`);
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new Error(`chunkSize must be a positive integer, got ${chunkSize}`);
  const context = createDemoContext(options);
  for (let start = 0; start < clients; start += chunkSize) {
    const chunk: DemoClient[] = [];
    for (let index = start; index < Math.min(start + chunkSize, clients); index++) chunk.push(generateDemoClient(index, context));
    yield chunk;
  }
}
