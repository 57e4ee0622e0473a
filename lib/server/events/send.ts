import "server-only";
import { inngest } from "@/inngest/client";
import { embeddedEventKey } from "@/inngest/engine/keys";
import { registeredApps } from "@/inngest/engine/registry";
import { inngestMode } from "@/lib/env";

type OutgoingEvent = { id: string; name: string; data: Record<string, unknown>; ts: number };

/**
 * Whether this process can hand events over now. Always with the Dev Server or Cloud. With the embedded
 * engine, only once an app has synced its functions there (an event accepted before would start nothing)
 * and with AUTH_SECRET set (the engine's event key comes from it): a script run outside the app (seeding,
 * benchmarks) on a database no app has synced with leaves its rows for the engine's first tick.
 */
export async function canSend(): Promise<boolean> {
  if (inngestMode() !== "embedded") return true;
  return Boolean(embeddedEventKey()) && (await registeredApps()).length > 0;
}

/** Hands events to whichever Inngest is active (Dev Server, Cloud, or the embedded engine) through the SDK. */
export async function send(events: OutgoingEvent[]): Promise<void> {
  await inngest.send(events);
}
