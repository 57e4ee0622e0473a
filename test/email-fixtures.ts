import { eq } from "drizzle-orm";
import type { ServiceContext } from "@/lib/server/context";
import { db } from "@/lib/server/db/client";
import { clientScores, tierChanges, winBackEmails } from "@/lib/server/db/schema";
import type { EmailState } from "@/lib/domain/email/lifecycle";
import type { EngagementTierValue } from "@/lib/server/db/schema/engagement-tier";
import { createClient } from "@/lib/server/services/clients/create-client";
import { createOrder } from "@/lib/server/services/orders/create-order";
import { clientInput, orderInput } from "./fixtures";

/** Inside the daytime window in London (13:00 BST), so scheduled emails are due at once. */
export const DAYTIME = new Date("2026-06-01T12:00:00Z");

/** A client of `stylist` with one fix, created through the services (as the app would). */
export async function clientWithFix(ctx: ServiceContext, stylistId: string, overrides: Record<string, unknown> = {}) {
  const client = await createClient({ ctx, input: clientInput({ stylistId, preferredStyles: ["classic", "minimal"], sizes: { top: "M" }, ...overrides }) });
  if (!client) throw new Error("no client");
  await createOrder({ ctx, input: { clientId: client.id, ...orderInput({ orderedAt: "2026-03-14" }) } });
  return client;
}

/** Puts a client's current score where a rescoring would, recording the tier change as the scoring does. */
export async function setScore(clientId: string, score: number, tier: EngagementTierValue, at = DAYTIME) {
  const [before] = await db.select({ tier: clientScores.tier }).from(clientScores).where(eq(clientScores.clientId, clientId));
  await db.update(clientScores).set({ score, tier, scoredAt: at }).where(eq(clientScores.clientId, clientId));
  if (before?.tier && before.tier !== tier) await db.insert(tierChanges).values({ clientId, fromTier: before.tier, toTier: tier, score, changedAt: at });
}

/** A win-back email stored as it stands (no services): for analytics tests that need emails in given states and days. */
export async function insertEmail(clientId: string, state: EmailState, tier: EngagementTierValue | null, extra: Partial<typeof winBackEmails.$inferInsert> = {}) {
  const [row] = await db
    .insert(winBackEmails)
    .values({ clientId, state, tier, origin: "outreach", subject: "s", body: "b", callToAction: "c", writer: "offline", toAddress: "x@example.com", ...extra })
    .returning();
  if (!row) throw new Error("no email");
  return row;
}
