import { describe, expect, it } from "vitest";
import { DEFAULT_WIN_BACK_SETTINGS, winBackSettingsSchema } from "./win-back-settings";

describe("win-back settings", () => {
  it("refuses an offer with a link, naming it: a draft may never carry one, so the offer could never be used", () => {
    const result = winBackSettingsSchema.safeParse({ ...DEFAULT_WIN_BACK_SETTINGS, allowedOffers: ["Free shipping on your next fix", "Terms at rekindle.shop/terms"] });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toMatchObject([{ path: ["allowedOffers", 1], message: "Leave links out of offers: the email's links are added for you" }]);
    expect(winBackSettingsSchema.safeParse(DEFAULT_WIN_BACK_SETTINGS).success).toBe(true);
  });
});
