import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Role, UserActor } from "@/lib/domain/access/policy";
import type { orderInputSchema } from "@/lib/domain/orders/order-input";
import { contextFor, type ServiceContext } from "@/lib/server/context";
import { db } from "@/lib/server/db/client";
import { users } from "@/lib/server/db/schema";

/** A real user row of the given role, and the service context it acts through. */
export async function userContext(role: Role, name = `${role} ${randomUUID().slice(0, 6)}`): Promise<ServiceContext & { actor: UserActor }> {
  const [user] = await db
    .insert(users)
    .values({ name, email: `${randomUUID().slice(0, 8)}@staff.rekindle.test`, role })
    .returning();
  if (!user) throw new Error("no user");
  const actor: UserActor = { type: "user", id: user.id, role: user.role, name: user.name, email: user.email };
  return { ...contextFor(actor), actor };
}

export function clientInput(overrides: Record<string, unknown> = {}) {
  const tag = randomUUID().slice(0, 8);
  return { name: `Client ${tag}`, email: `client.${tag}@example.com`, timezone: "Europe/London", marketingConsent: "on", ...overrides };
}

export function orderInput(overrides: Partial<z.input<typeof orderInputSchema>> = {}) {
  return { orderedAt: "2026-09-01", itemsShipped: 5, itemsKept: 2, valueCents: 15_000, status: "shipped" as const, ...overrides };
}

/** Input as a caller outside TypeScript (a form, a webhook, a job payload) may send it, typed as the verb expects: for tests of what the verb refuses. */
export function untyped<T>(input: unknown): T {
  return input as T;
}
