import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { consentAuditEntry } from "@/lib/domain/audit/consent";
import { clientScope } from "@/lib/domain/access/policy";
import type { ClientInput } from "@/lib/domain/clients/client-input";
import { can, clientScopeWhere } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import type { Executor } from "@/lib/server/db/client";
import { clients, users } from "@/lib/server/db/schema";
import { ConflictError, isUniqueViolation, NotFoundError, ValidationError } from "@/lib/server/errors";

export const DUPLICATE_EMAIL_MESSAGE = "Another client already uses this email address.";
/** For a stylist, whose clients are only their own: the same words whoever holds the email and whatever else is known of it. */
export const EMAIL_UNAVAILABLE_MESSAGE = "This email address cannot be used here. If this person is already a Rekindle client, ask an admin or a marketer to assign them to you.";

/** Stylists can only hold their own clients; others may assign any active stylist. */
export async function resolveStylistId(ctx: ServiceContext, requested: string | null, current: string | null): Promise<string | null> {
  const { actor } = ctx;
  if (actor.type === "user" && actor.role === "stylist") return actor.id;
  if (requested === current) return requested;
  if (!can(actor, "clients.assign")) return current;
  if (requested === null) return null;
  const [stylist] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, requested), eq(users.role, "stylist")))
    .limit(1);
  if (!stylist) throw new ValidationError({ stylistId: ["Choose a stylist from the list"] });
  return stylist.id;
}

/** Loads a client the actor may change, locked for the rest of the transaction; a guessed id is simply not found. */
export async function lockClientInScope(tx: Executor, ctx: ServiceContext, clientId: string) {
  const [client] = await tx
    .select()
    .from(clients)
    .where(and(eq(clients.id, clientId), clientScopeWhere(ctx.actor)))
    .for("update")
    .limit(1);
  if (!client) throw new NotFoundError("Client");
  return client;
}

/**
 * Turns the unique-email violation into a form error that says nothing outside the actor's scope: an admin or
 * marketer sees every client, so hears that another one has the email; a stylist hears that only when the
 * client is their own, and otherwise a neutral answer that names no client, stylist or anything about them.
 */
export async function rethrowDuplicateEmail(error: unknown, ctx: ServiceContext, email: string): Promise<never> {
  if (!isUniqueViolation(error, "clients_email_lower_key")) throw error;
  if (clientScope(ctx.actor).kind === "all") throw new ConflictError(DUPLICATE_EMAIL_MESSAGE, "email");
  const [own] = await ctx.db
    .select({ id: clients.id })
    .from(clients)
    .where(and(sql`lower(${clients.email}) = lower(${email})`, clientScopeWhere(ctx.actor)))
    .limit(1);
  throw new ConflictError(own ? "You already have a client with this email address." : EMAIL_UNAVAILABLE_MESSAGE, "email");
}

/**
 * The consent audit row when a form gave or withdrew consent (none when it stayed as it was). A change made in
 * Rekindle is versioned by the moment it was made, like any sender's.
 */
export function consentChangeAudit(client: { id: string; email: string; marketingConsent: boolean; consentVersion: Date | null }, before: boolean | null) {
  if (client.marketingConsent === before || (before === null && !client.marketingConsent)) return null;
  return consentAuditEntry({ clientId: client.id, email: client.email, before, after: client.marketingConsent, version: (client.consentVersion ?? new Date()).toISOString() });
}

export function profileColumns(input: ClientInput) {
  return {
    name: input.name,
    email: input.email,
    sizes: input.sizes,
    preferredStyles: input.preferredStyles,
    budgetBand: input.budgetBand,
    notes: input.notes,
    marketingConsent: input.marketingConsent,
    timezone: input.timezone,
  };
}
