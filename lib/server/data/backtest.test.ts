import { describe, expect, it } from "vitest";
import { ForbiddenError, ValidationError } from "@/lib/server/errors";
import { insertDemoClients } from "@/test/engagement-fixtures";
import { userContext } from "@/test/fixtures";
import { defaultBacktestInput, runBacktest } from "./backtest";

describe("runBacktest", () => {
  it("scores demo clients as of a past cutoff with weights learned before it, and sets the score beside the rule", async () => {
    await insertDemoClients(400, new Date());
    const marketer = await userContext("marketer");
    const report = await runBacktest(marketer, defaultBacktestInput());

    const m = report.scoring.report;
    expect(report.scoring.fit?.model).toBe("mbgnbd");
    expect(report.scoring.learned).not.toBeNull();
    expect(m.clients).toBeGreaterThan(300);
    expect(m.tiers.reduce((s, t) => s + t.clients, 0)).toBe(m.clients);
    // The score ranks who orders again better than chance, and its flag catches clients who did not order.
    expect(m.auc.score).toBeGreaterThan(0.6);
    expect(m.flag.caught).toBeGreaterThan(0);
    expect(m.flag.rulePrecision).not.toBeNull();
    // Calibration of P(order within the horizon), by deciles, higher deciles ordering more.
    expect(m.calibration).toHaveLength(10);
    expect(m.calibration.at(-1)?.shareObserved).toBeGreaterThan(m.calibration[0]?.shareObserved ?? 1);
    expect(m.calibrationError).not.toBeNull();
    expect(report.verdict?.headline).toBeTruthy();
    // Tracking: one row per whole week of the 60-day horizon, the actual count never falling.
    expect(report.tracking).toHaveLength(8);
    expect(report.tracking.every((w, i) => i === 0 || w.actual >= (report.tracking[i - 1]?.actual ?? 0))).toBe(true);
    expect(report.tracking.at(-1)?.expected).toBeGreaterThan(0);
  });

  it("needs the outcome to be known, and is for analytics roles only", async () => {
    const admin = await userContext("admin");
    const recent = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    await expect(runBacktest(admin, { cutoff: recent, horizonDays: 60 })).rejects.toBeInstanceOf(ValidationError);
    // A cutoff that is no day, or one the database cannot hold, is named as the field's error, never a failed query.
    for (const cutoff of ["2026-02-31", "0000-06-15", "-010000-01-01"]) {
      await expect(runBacktest(admin, { cutoff, horizonDays: 60 })).rejects.toMatchObject({ fieldErrors: { cutoff: ["Enter a cutoff date, like 2026-06-30"] } });
    }
    const stylist = await userContext("stylist");
    await expect(runBacktest(stylist, defaultBacktestInput())).rejects.toBeInstanceOf(ForbiddenError);
  });
});
