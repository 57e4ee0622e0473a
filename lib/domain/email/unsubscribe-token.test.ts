import { describe, expect, it } from "vitest";
import { signUnsubscribeToken, verifyUnsubscribeToken } from "./unsubscribe-token";

const id = "0b7c6f0e-2f7e-4d5e-9b1a-3c2d1e0f9a8b";

describe("unsubscribe tokens", () => {
  it("round-trips and refuses tampering", () => {
    const token = signUnsubscribeToken(id, "secret");
    expect(verifyUnsubscribeToken(token, "secret")).toBe(id);
    expect(verifyUnsubscribeToken(token, "other")).toBeNull();
    expect(verifyUnsubscribeToken(token.replace(id, "1b7c6f0e-2f7e-4d5e-9b1a-3c2d1e0f9a8b"), "secret")).toBeNull();
    expect(verifyUnsubscribeToken("garbage", "secret")).toBeNull();
  });
});
