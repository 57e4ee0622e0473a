import { describe, expect, it } from "vitest";
import { emptyQueueKind, queueFiltersSchema } from "./queue-filters";

describe("emptyQueueKind", () => {
  it("tells the plain review queue and the whole list from filters that match nothing", () => {
    expect(emptyQueueKind(queueFiltersSchema.parse({}))).toBe("review");
    expect(emptyQueueKind(queueFiltersSchema.parse({ status: "all" }))).toBe("none");
    expect(emptyQueueKind(queueFiltersSchema.parse({ status: "sent" }))).toBe("filtered");
    expect(emptyQueueKind(queueFiltersSchema.parse({ status: "all", tier: "lapsed" }))).toBe("filtered");
    expect(emptyQueueKind(queueFiltersSchema.parse({ from: "2026-01-01" }))).toBe("filtered");
    expect(emptyQueueKind(queueFiltersSchema.parse({ status: "all", from: "2026-02-01", to: "2026-01-01" }))).toBe("reversed");
    expect(emptyQueueKind(queueFiltersSchema.parse({ status: "all", event: "opened", eventFrom: "2026-02-01", eventTo: "2026-01-01" }))).toBe("reversed");
  });
});
