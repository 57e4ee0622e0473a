import { describe, expect, it } from "vitest";
import { functionConfigSchema } from "./registry";

const base = { id: "f", triggers: [{ event: "rekindle/x" }], steps: { step: { runtime: { url: "http://localhost:3000/api/inngest?fnId=f&stepId=step" } } } };

describe("the embedded engine's function configs", () => {
  it("takes the options it honours", () => {
    const parsed = functionConfigSchema.parse({ ...base, concurrency: { limit: 1, key: "event.data.clientId" }, batchEvents: { maxSize: 100, timeout: "2s" } });
    expect(parsed.concurrency).toEqual([{ limit: 1, key: "event.data.clientId" }]);
  });

  it("refuses, by name, an option it would otherwise ignore", () => {
    for (const [option, value, named] of [
      ["throttle", { limit: 1, period: "1m" }, "throttle"],
      ["rateLimit", { limit: 1, period: "1m" }, "rateLimit"],
      ["cancel", [{ event: "rekindle/y" }], "cancelOn"],
      ["priority", { run: "event.data.p" }, "priority"],
      ["timeouts", { start: "1m" }, "timeouts"],
      ["singleton", { mode: "skip" }, "singleton"],
      ["idempotency", "event.data.id", "idempotency"],
    ] as const) {
      const result = functionConfigSchema.safeParse({ ...base, [option]: value });
      expect(result.success, option).toBe(false);
      expect(result.error?.message).toContain(`does not support ${named}`);
    }
    const filtered = functionConfigSchema.safeParse({ ...base, triggers: [{ event: "rekindle/x", expression: "event.data.vip == true" }] });
    expect(filtered.success).toBe(false);
    expect(filtered.error?.message).toContain("if expression");
  });
});
