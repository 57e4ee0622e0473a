import "server-only";
import { and, eq } from "drizzle-orm";
import type { ClientInput } from "@/lib/domain/clients/client-input";
import { can, clientScopeWhere } from "@/lib/server/auth/permissions";
import type { ServiceContext } from "@/lib/server/context";
import type { Executor } from "@/lib/server/db/client";
import { clients, users } from "@/lib/server/db/schema";
import { ConflictError, isUniqueViolation, NotFoundError, ValidationError } from "@/lib/server/errors";

export const DUPLICATE_EMAIL_MESSAGE = "Another client already uses this email address.";

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

export function rethrowDuplicateEmail(error: unknown): never {
  if (isUniqueViolation(error, "clients_email_lower_key")) throw new ConflictError(DUPLICATE_EMAIL_MESSAGE, "email");
  throw error;
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
