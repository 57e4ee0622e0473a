import { describe, expect, it } from "vitest";
import { MODEL_REUSE_DAYS, mayReuseModelFit } from "./model-reuse";

const FIT = { asOf: new Date("2026-06-01T00:00:00Z"), readFrom: new Date("2026-06-01T02:00:00Z"), learned: true };
const NOTHING_SINCE = { settingsSavedAt: null, importFinishedAt: null };
const days = (n: number) => new Date(FIT.asOf.getTime() + n * 86_400_000);

describe("mayReuseModelFit", () => {
  it("reuses a fit for the runs of the week after its date, including its own date", () => {
    expect(mayReuseModelFit(FIT, days(0), NOTHING_SINCE)).toBe(true);
    expect(mayReuseModelFit(FIT, days(1), NOTHING_SINCE)).toBe(true);
    expect(mayReuseModelFit(FIT, days(MODEL_REUSE_DAYS - 0.001), NOTHING_SINCE)).toBe(true);
  });

  it("refits from a week on, and never hands a run a model fitted on later orders than its own date", () => {
    expect(mayReuseModelFit(FIT, days(MODEL_REUSE_DAYS), NOTHING_SINCE)).toBe(false);
    expect(mayReuseModelFit(FIT, days(-1), NOTHING_SINCE)).toBe(false);
  });

  it("refits once the settings were saved or an import finished after the fitting run began reading", () => {
    const before = new Date("2026-06-01T01:00:00Z");
    const after = new Date("2026-06-01T02:00:01Z");
    expect(mayReuseModelFit(FIT, days(1), { settingsSavedAt: before, importFinishedAt: before })).toBe(true);
    expect(mayReuseModelFit(FIT, days(1), { settingsSavedAt: after, importFinishedAt: null })).toBe(false);
    expect(mayReuseModelFit(FIT, days(1), { settingsSavedAt: null, importFinishedAt: after })).toBe(false);
  });

  it("refits a fit whose run learned no weights, or whose run is unknown", () => {
    expect(mayReuseModelFit({ ...FIT, learned: false }, days(1), NOTHING_SINCE)).toBe(false);
    expect(mayReuseModelFit({ ...FIT, readFrom: null }, days(1), NOTHING_SINCE)).toBe(false);
  });
});
