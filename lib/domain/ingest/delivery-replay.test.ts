import { describe, expect, it } from "vitest";
import { eventKey, planDeliveries, REUSED_EVENT_ID, replayAnswer } from "./delivery-replay";

const event = (eventId: string, bodySha256 = "h1", sender = "key-1") => ({ sender, eventId, bodySha256 });

describe("planDeliveries", () => {
  it("processes the first delivery of each event, repeats later copies, and answers stored events from their receipt", () => {
    const original = { bodySha256: "h0", status: 200, body: { event_id: "e0" } };
    const plans = planDeliveries([event("e1"), event("e0"), event("e1"), event("e2"), event("e1", "h2"), event("e1", "h1", "key-2")], new Map([[eventKey("key-1", "e0"), original]]));
    expect(plans).toEqual([{ kind: "fresh" }, { kind: "repeat", original }, { kind: "copy", of: 0 }, { kind: "fresh" }, { kind: "copy", of: 0 }, { kind: "fresh" }]);
  });
});

describe("replayAnswer", () => {
  it("repeats the original answer, marked as replayed", () => {
    expect(replayAnswer(event("e1"), { bodySha256: "h1", status: 200, body: { created: 1 } })).toEqual({ status: 200, body: { created: 1 }, replayed: true });
  });

  it("refuses an event id reused for another body with 409", () => {
    const answer = replayAnswer(event("e1", "h2"), { bodySha256: "h1", status: 200, body: { created: 1 } });
    expect(answer).toEqual({ status: 409, body: { event_id: "e1", errors: [{ path: "event_id", message: REUSED_EVENT_ID }] }, replayed: true });
  });
});
