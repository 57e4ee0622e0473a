import "server-only";
import type { Actor } from "@/lib/domain/access/policy";
import { db, type Executor } from "@/lib/server/db/client";

/** What every service verb receives: who is acting, and where to read and write. */
export type ServiceContext = { actor: Actor; db: Executor };

export function contextFor(actor: Actor): ServiceContext {
  return { actor, db };
}
