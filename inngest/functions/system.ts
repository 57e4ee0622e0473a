import "server-only";
import type { SystemActor } from "@/lib/domain/access/policy";
import { db } from "@/lib/server/db/client";

/** A function acts as the system, on the pool: the same verbs the pages call, with a system actor. */
export function systemContext(name: string): { actor: SystemActor; db: typeof db } {
  return { actor: { type: "system", name }, db };
}
