import "server-only";
import { inngest } from "@/inngest/client";

export type OutgoingEvent = { id: string; name: string; data: Record<string, unknown>; ts: number };

/** Hands events to whichever Inngest is active (Dev Server, Cloud, or the embedded engine) through the SDK. */
export async function send(events: OutgoingEvent[]): Promise<void> {
  await inngest.send(events);
}
