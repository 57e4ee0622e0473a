import { describe, expect, it } from "vitest";
import { actorName, apiKeyWebhookActor } from "./actor-name";
import { actorLabel } from "./policy";

describe("actorName", () => {
  it("names a person by name, and the app's own work by what it was doing", () => {
    expect(actorName(actorLabel({ type: "user", id: "u", name: "Ava Thompson", email: "ava@example.com", role: "stylist" }))).toBe("Ava Thompson");
    expect(actorName(actorLabel({ type: "system", name: "outreach" }))).toBe("Win-back outreach (automatic)");
    expect(actorName("system:resend-webhook")).toBe("Resend webhook (automatic)");
    expect(actorName("system:webhook:shopify")).toBe("Shopify webhook (automatic)");
    expect(actorName("system:webhook:Order system")).toBe("Webhook with key “Order system” (automatic)");
    // A key of our own webhook named "shopify" is still a key, not Shopify's webhook.
    expect(actorName(`system:${apiKeyWebhookActor("shopify")}`)).toBe("Webhook with key “shopify” (automatic)");
    expect(actorName(`system:${apiKeyWebhookActor("Order system")}`)).toBe("Webhook with key “Order system” (automatic)");
    // Work it does not know by name still reads as the app's own.
    expect(actorName("system:some-new-job")).toBe("Rekindle (some new job, automatic)");
  });
});
