import { describe, expect, it } from "vitest";
import { ForbiddenError, ValidationError } from "@/lib/server/errors";
import { insertDemoClients } from "@/test/engagement-fixtures";
import { userContext } from "@/test/fixtures";
import { defaultBacktestInput, runBacktest } from "./backtest";

describe("runBacktest", () => {
  it("scores demo clients as of a past cutoff and finds the at-risk flag better than chance", async () => {
    await insertDemoClients(400, new Date());
    const marketer = await userContext("marketer");
    const report = await runBacktest(marketer, defaultBacktestInput());

    const m = report.metrics;
    expect(report.model).not.toBeNull();
    expect(m.clients).toBeGreaterThan(300);
    expect(m.flagged).toBeGreaterThan(0);
    expect(m.lift).toBeGreaterThan(1);
    expect(m.tiers.reduce((s, t) => s + t.clients, 0)).toBe(m.clients);
    expect(m.calibration).toHaveLength(10);
    // Higher P(alive) deciles should reorder more often than the lowest.
    expect(m.calibration.at(-1)?.shareOrdered).toBeGreaterThan(m.calibration[0]?.shareOrdered ?? 1);
  });

  it("needs the outcome to be known, and is for analytics roles only", async () => {
    const admin = await userContext("admin");
    const recent = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    await expect(runBacktest(admin, { cutoff: recent, horizonDays: 60 })).rejects.toBeInstanceOf(ValidationError);
    const stylist = await userContext("stylist");
    await expect(runBacktest(stylist, defaultBacktestInput())).rejects.toBeInstanceOf(ForbiddenError);
  });
});
