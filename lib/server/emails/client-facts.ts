import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { describeFix, firstNameOf, type WriterFacts } from "@/lib/domain/email/writer-facts";
import { clientTimeZone } from "@/lib/domain/time/format";
import { clientScopeWhere } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import { effectiveTier } from "@/lib/domain/demo-controls/effective-tier";
import { clients, clientScores, demoTierOverrides, orders, users } from "@/lib/server/db/schema";
import { CLIENT_UNSUBSCRIBED, NO_ORDERS_LEFT, NOT_SENT_PREFIX, REPLACED_BY_NEW_DRAFT } from "@/lib/domain/email/discard-reasons";
import { IN_FLIGHT_STATES } from "@/lib/domain/email/lifecycle";
import { getClientEngagement } from "@/lib/server/data/engagement";
import { NotFoundError } from "@/lib/server/errors";
import { readSettings } from "@/lib/server/data/settings";

const RECENT_FIXES = 3;
const RECENT_DISCARDS = 3;

/**
 * The client, stylist and brand facts a draft may use, read within the actor's scope. `replacing`: the draft is a
 * Regenerate, so the email on its way counts as turned down already.
 */
export async function loadWriterFacts(ctx: ServiceContext, clientId: string, { replacing = false } = {}) {
  // Every read at once (a draft's first token waits for the slowest, not their sum). The client row carries the scope
  // check; the others read nothing a caller sees unless it passes (the engagement read checks the scope itself).
  const [[row], fixes, engagement, winBack, policy, turnedDown] = await Promise.all([
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
    turnedDownDrafts(ctx, clientId, replacing),
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
    discardedDrafts: turnedDown.latest,
    draftsTurnedDown: turnedDown.count,
  };
  return { facts, client, policy, winBack };
}

/**
 * The client's drafts people turned down (discarded in review, or replaced by a Regenerate; with `replacing`, the one on
 * its way now too), not those the app discarded (an unsubscribe, a send that found the client ineligible): the latest
 * few with the reason given (none for a Regenerate), and how many in all.
 */
async function turnedDownDrafts(ctx: ServiceContext, clientId: string, replacing: boolean) {
  const inFlight = sql.join(IN_FLIGHT_STATES.map((state) => sql`${state}`), sql`, `);
  const rows = await ctx.db.execute<{ subject: string; reason: string | null; total: number }>(sql`
    select e.subject, nullif(t.reason, ${REPLACED_BY_NEW_DRAFT}) as reason, (count(*) over ())::int as total
    from win_back_emails e left join email_transitions t on t.email_id = e.id and t.to_state = 'discarded'
    where e.client_id = ${clientId}::uuid
      and ((e.state = 'discarded' and coalesce(t.reason, '') not in (${CLIENT_UNSUBSCRIBED}, ${NO_ORDERS_LEFT}) and coalesce(t.reason, '') not like ${`${NOT_SENT_PREFIX}%`})
        or (${replacing} and e.state in (${inFlight})))
    order by e.created_at desc
    limit ${RECENT_DISCARDS}`);
  return { latest: rows.map(({ subject, reason }) => ({ subject, reason })), count: rows[0]?.total ?? 0 };
}
