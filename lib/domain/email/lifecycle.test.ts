import { describe, expect, it } from "vitest";
import { approvalRefusal, assertTransition, editRefusal, canTransition, EMAIL_STATES, IllegalTransitionError, isTerminal, stateAfterEvent } from "./lifecycle";

describe("email lifecycle", () => {
  it("walks the happy path from draft to clicked", () => {
    const path = ["draft", "approved", "scheduled", "sending", "sent", "delivered", "opened", "clicked"] as const;
    path.slice(1).forEach((to, i) => expect(() => assertTransition(path[i] ?? "draft", to)).not.toThrow());
  });

  it("refuses illegal transitions with a typed error", () => {
    expect(() => assertTransition("draft", "sent")).toThrow(IllegalTransitionError);
    expect(() => assertTransition("discarded", "approved")).toThrow("cannot go from discarded to approved");
    expect(() => assertTransition("sent", "draft")).toThrow(IllegalTransitionError);
    expect(canTransition("draft", "sending")).toBe(false);
  });

  it("ends in bounced, complained and discarded only; a failed send moves on only when the provider reports it went out", () => {
    expect(EMAIL_STATES.filter(isTerminal).sort()).toEqual(["bounced", "complained", "discarded"]);
    expect(stateAfterEvent("failed", "delivered")).toBe("delivered");
    expect(stateAfterEvent("failed", "failed")).toBeNull();
    expect(canTransition("failed", "approved")).toBe(false);
    expect(canTransition("failed", "sending")).toBe(false);
  });

  it("maps delivery events, ignoring repeats, delays and late arrivals", () => {
    expect(stateAfterEvent("sent", "delivered")).toBe("delivered");
    expect(stateAfterEvent("sent", "opened")).toBe("opened");
    expect(stateAfterEvent("opened", "delivered")).toBeNull();
    expect(stateAfterEvent("opened", "opened")).toBeNull();
    expect(stateAfterEvent("delivered", "delivery_delayed")).toBeNull();
    expect(stateAfterEvent("delivered", "bounced")).toBe("bounced");
    expect(stateAfterEvent("clicked", "complained")).toBe("complained");
  });
});

describe("approvalRefusal", () => {
  it("lets a draft be approved and says, for every other state, why not and what to do", () => {
    expect(approvalRefusal("draft")).toBeNull();
    expect(approvalRefusal("scheduled")).toMatch(/^This email is already approved and on its way/);
    expect(approvalRefusal("opened")).toMatch(/^This email has already been sent/);
    expect(approvalRefusal("discarded")).toMatch(/Write a new draft instead\.$/);
    expect(approvalRefusal("failed")).toMatch(/^Sending this email failed/);
  });
});

describe("editRefusal", () => {
  it("lets an email not yet on its way be edited and says, for every other state, why not and what to do", () => {
    for (const state of ["draft", "approved", "scheduled"] as const) expect(editRefusal(state)).toBeNull();
    expect(editRefusal("sent")).toMatch(/already been sent/);
    expect(editRefusal("sending")).toMatch(/already been sent/);
    expect(editRefusal("discarded")).toBe("This email was discarded, so it cannot be edited. Write a new draft instead.");
    expect(editRefusal("failed")).toMatch(/^Sending this email failed/);
    for (const state of EMAIL_STATES) expect(editRefusal(state) ?? "").not.toContain("undefined");
  });
});
