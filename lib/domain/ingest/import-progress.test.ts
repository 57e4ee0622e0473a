import { describe, expect, it } from "vitest";
import { isInterrupted, progressPercent } from "./import-progress";

const job = { status: "validating" as const, fileBytes: 1000, bytesValidated: 250, validRows: 0, importedRows: 0, heartbeatAt: new Date("2026-01-01T00:00:00Z") };

describe("import progress", () => {
  it("measures checking by bytes read and importing by valid rows stored", () => {
    expect(progressPercent(job)).toBe(25);
    expect(progressPercent({ ...job, status: "importing", validRows: 400, importedRows: 100 })).toBe(25);
    expect(progressPercent({ ...job, status: "importing", validRows: 0 })).toBe(0);
    expect(progressPercent({ ...job, status: "done" })).toBe(100);
  });

  it("calls a running job without a heartbeat for a minute interrupted", () => {
    expect(isInterrupted(job, new Date("2026-01-01T00:00:30Z"))).toBe(false);
    expect(isInterrupted(job, new Date("2026-01-01T00:01:01Z"))).toBe(true);
    expect(isInterrupted({ ...job, status: "ready" }, new Date("2026-01-02T00:00:00Z"))).toBe(false);
  });
});
