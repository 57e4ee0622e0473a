import { describe, expect, it } from "vitest";
import { deliveryResponse } from "./delivery-response";

describe("deliveryResponse", () => {
  it("answers every item in the order sent: what became of each stored one, and the others rejected with the reasons", () => {
    const issues = [{ path: "orders[1].value", message: "Enter an amount" }];
    const answer = deliveryResponse({
      eventId: "evt_1",
      received: 3,
      stored: [
        { index: 2, id: "b", outcome: "unchanged" },
        { index: 0, id: "a", outcome: "created" },
      ],
      issues,
    });
    expect(answer).toEqual({
      event_id: "evt_1",
      status: "partial",
      received: 3,
      created: 1,
      updated: 0,
      unchanged: 1,
      rejected: 1,
      results: [
        { index: 0, id: "a", outcome: "created" },
        { index: 1, id: null, outcome: "rejected" },
        { index: 2, id: "b", outcome: "unchanged" },
      ],
      errors: issues,
    });
  });

  it("is accepted when nothing was rejected", () => {
    expect(deliveryResponse({ eventId: "evt_2", received: 1, stored: [{ index: 0, id: "a", outcome: "updated" }], issues: [] })).toMatchObject({ status: "accepted", updated: 1, rejected: 0 });
  });
});
