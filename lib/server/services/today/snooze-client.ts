import "server-only";
import { snoozeClientSchema } from "@/lib/domain/today/snooze-input";
import { writeAudit } from "@/lib/server/audit";
import { authorize } from "@/lib/server/auth/permissions";
import type { VerbArgs } from "@/lib/server/context";
import { todaySnoozes } from "@/lib/server/db/schema";
import { parseInput } from "@/lib/server/parse-input";
import { lockClientInScope } from "@/lib/server/services/clients/client-rules";

const DAY_MS = 86_400_000;

/** Takes a client off the Today list for some days, with the stylist's reason. A client outside the actor's scope is not found. */
export async function snoozeClient({ ctx, input, now = new Date() }: VerbArgs<typeof snoozeClientSchema> & { now?: Date }) {
  authorize(ctx.actor, "clients.update");
  const { clientId, days, reason } = parseInput(snoozeClientSchema, input);
  return ctx.db.transaction(async (tx) => {
    await lockClientInScope(tx, ctx, clientId);
    const [snooze] = await tx
      .insert(todaySnoozes)
      .values({ clientId, reason, until: new Date(now.getTime() + days * DAY_MS), snoozedBy: ctx.actor.type === "user" ? ctx.actor.id : null, createdAt: now })
      .returning();
    if (!snooze) throw new Error("The snooze was not saved");
    await writeAudit(tx, ctx.actor, { action: "client.snooze", entityType: "client", entityId: clientId, after: { reason, days, until: snooze.until } });
    return snooze;
  });
}
