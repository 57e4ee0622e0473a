import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { describeFix, firstNameOf, type WriterFacts } from "@/lib/domain/email/writer-facts";
import { clientTimeZone } from "@/lib/domain/time/format";
import { clientScopeWhere } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { effectiveTier } from "@/lib/domain/demo-controls/effective-tier";
import { clients, clientScores, demoTierOverrides, emailTransitions, orders, users, winBackEmails } from "@/lib/server/db/schema";
import { getClientEngagement } from "@/lib/server/data/engagement";
import { NotFoundError } from "@/lib/server/errors";
import { readSettings } from "@/lib/server/data/settings";

const RECENT_FIXES = 3;
const RECENT_DISCARDS = 3;

/** The client, stylist and brand facts a draft may use, read within the actor's scope. */
export async function loadWriterFacts(ctx: ServiceContext, clientId: string) {
  // Every read at once (a draft's first token waits for the slowest, not their sum). The client row carries the scope
  // check; the others read nothing a caller sees unless it passes (the engagement read checks the scope itself).
  const [[row], fixes, engagement, winBack, policy, discarded] = await Promise.all([
    ctx.db
      .select({
        client: clients,
        tier: clientScores.tier,
        override: { tier: demoTierOverrides.tier, expiresAt: demoTierOverrides.expiresAt },
        stylistName: users.name,
        signature: users.emailSignature,
        voiceNote: users.voiceNote,
      })
      .from(clients)
      .leftJoin(clientScores, eq(clientScores.clientId, clients.id))
      .leftJoin(demoTierOverrides, eq(demoTierOverrides.clientId, clients.id))
      .leftJoin(users, eq(users.id, clients.stylistId))
      .where(and(eq(clients.id, clientId), clientScopeWhere(ctx.actor)))
      .limit(1),
    ctx.db.select().from(orders).where(eq(orders.clientId, clientId)).orderBy(desc(orders.orderedAt)).limit(RECENT_FIXES),
    getClientEngagement(ctx, clientId, { historyLimit: 1 }),
    readSettings(ctx.db, "win_back"),
    readSettings(ctx.db, "email_policy"),
    ctx.db
      .select({ subject: winBackEmails.subject, reason: emailTransitions.reason })
      .from(winBackEmails)
      .leftJoin(emailTransitions, and(eq(emailTransitions.emailId, winBackEmails.id), eq(emailTransitions.toState, "discarded")))
      .where(and(eq(winBackEmails.clientId, clientId), eq(winBackEmails.state, "discarded")))
      .orderBy(desc(winBackEmails.createdAt))
      .limit(RECENT_DISCARDS),
  ]);
  if (!row) throw new NotFoundError("Client");
  const { client } = row;
  const sizes = Object.entries(client.sizes).flatMap(([kind, size]) => (size ? [`${kind} ${size}`] : []));
  const stylistName = row.stylistName ?? policy.senderName;
  const facts: WriterFacts = {
    // A demo override stands in for the scored tier while it lasts, as on every page that shows the client.
    tier: effectiveTier(row.tier, row.override, new Date()),
    client: { firstName: firstNameOf(client.name), sizes, preferredStyles: client.preferredStyles, notes: client.notes },
    fixes: fixes.map((fix) => describeFix(fix, clientTimeZone(client))),
    drivers: (engagement.latest?.drivers ?? []).map((d) => d.text),
    stylist: { name: stylistName, signature: row.signature || stylistName, voiceNote: row.voiceNote ?? "" },
    brand: { name: winBack.brandName, voiceGuidelines: winBack.voiceGuidelines },
    offers: winBack.allowedOffers,
    discardedDrafts: discarded,
  };
  return { facts, client, policy, winBack };
}
