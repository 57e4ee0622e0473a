/** What a webhook delivery is answered with. */
export type DeliveryAnswer = { status: number; body: Record<string, unknown>; replayed: boolean };

/** A delivery's identity: the sender's event id, and the hash of the exact bytes it sent. */
type DeliveryEvent = { sender: string; eventId: string; bodySha256: string | null };

/** The answer a processed delivery got, as its receipt keeps it. */
export type OriginalAnswer = { bodySha256: string | null; status: number; body: Record<string, unknown> };

/**
 * What to do with each delivery of a group: process it (`fresh`), answer it from a receipt stored
 * earlier (`repeat`), or answer it like an earlier delivery of the same group (`copy`, by position).
 */
export type DeliveryPlan = { kind: "fresh" } | { kind: "repeat"; original: OriginalAnswer } | { kind: "copy"; of: number };

export const REUSED_EVENT_ID = "This event_id was already used for a different body. Retries must send the same bytes; new data needs a new event_id.";

export function eventKey(sender: string, eventId: string): string {
  return `${sender}\u0000${eventId}`;
}

/** Each event id is processed once: the first delivery of it in the group, unless a receipt already holds it. */
export function planDeliveries(events: DeliveryEvent[], processed: ReadonlyMap<string, OriginalAnswer>): DeliveryPlan[] {
  const firstAt = new Map<string, number>();
  return events.map((event, position): DeliveryPlan => {
    const key = eventKey(event.sender, event.eventId);
    const original = processed.get(key);
    if (original) return { kind: "repeat", original };
    const first = firstAt.get(key);
    if (first !== undefined) return { kind: "copy", of: first };
    firstAt.set(key, position);
    return { kind: "fresh" };
  });
}

/** A repeat gets the original answer, marked as replayed; the same event id with a different body is a conflict. */
export function replayAnswer(event: DeliveryEvent, original: OriginalAnswer): DeliveryAnswer {
  if (original.bodySha256 && event.bodySha256 && original.bodySha256 !== event.bodySha256) {
    return { status: 409, body: { event_id: event.eventId, errors: [{ path: "event_id", message: REUSED_EVENT_ID }] }, replayed: true };
  }
  return { status: original.status, body: original.body, replayed: true };
}
