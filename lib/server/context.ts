import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/domain/access/policy";
import { db, type Executor } from "@/lib/server/db/client";

/**
 * What every service verb receives: who is acting, and where to read and write. `db` is the pool or an open
 * transaction; a verb that spreads its work over several connections (a full rescoring) asks for the pool.
 */
export type ServiceContext<D extends Executor = Executor> = { actor: Actor; db: D };

/** A verb's arguments: its context, and its input typed from the zod schema it parses it with. */
export type VerbArgs<S extends z.ZodType, D extends Executor = Executor> = { ctx: ServiceContext<D>; input: z.input<S> };

export function contextFor(actor: Actor): ServiceContext<typeof db> {
  return { actor, db };
}
