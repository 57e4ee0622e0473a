import { describe, expect, it } from "vitest";
import { DEFAULT_WIN_BACK_SETTINGS, winBackSettingsSchema } from "./win-back-settings";

describe("win-back settings", () => {
  it("refuses an offer with a link, naming it: a draft may never carry one, so the offer could never be used", () => {
    const result = winBackSettingsSchema.safeParse({ ...DEFAULT_WIN_BACK_SETTINGS, allowedOffers: ["Free shipping on your next fix", "Terms at rekindle.shop/terms"] });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toMatchObject([{ path: ["allowedOffers", 1], message: "Leave links out of offers: the email's links are added for you" }]);
    expect(winBackSettingsSchema.safeParse(DEFAULT_WIN_BACK_SETTINGS).success).toBe(true);
  });

  it("takes a web page, or a mailto: or tel: link, for the booking page every email's button opens, never one that runs code", () => {
    for (const bookingUrl of ["javascript:alert(1)", "data:text/html,<b>hi</b>", "ftp://files.example/book", "vbscript:msgbox"]) {
      const result = winBackSettingsSchema.safeParse({ ...DEFAULT_WIN_BACK_SETTINGS, bookingUrl });
      expect(result.error?.issues, bookingUrl).toMatchObject([{ path: ["bookingUrl"], message: "Enter the full address of your booking page, like https://yourbrand.com/book (or a mailto: or tel: link)" }]);
    }
    expect(winBackSettingsSchema.safeParse({ ...DEFAULT_WIN_BACK_SETTINGS, bookingUrl: " http://shop.example/book " }).data?.bookingUrl).toBe("http://shop.example/book");
    for (const bookingUrl of ["mailto:book@shop.example", "tel:+15550100"]) expect(winBackSettingsSchema.safeParse({ ...DEFAULT_WIN_BACK_SETTINGS, bookingUrl }).success, bookingUrl).toBe(true);
  });

  it("refuses a blank holdout share rather than reading it as 0, which would turn the holdout off", () => {
    for (const holdoutShare of ["", " ", "0x1", "abc"]) {
      const result = winBackSettingsSchema.safeParse({ ...DEFAULT_WIN_BACK_SETTINGS, holdoutShare });
      expect(result.error?.issues, holdoutShare).toMatchObject([{ path: ["holdoutShare"], message: "Enter a share between 0 and 0.5" }]);
    }
    expect(winBackSettingsSchema.parse({ ...DEFAULT_WIN_BACK_SETTINGS, holdoutShare: "0.2" }).holdoutShare).toBe(0.2);
  });

  it("names the send window's hours out of range in words", () => {
    const result = winBackSettingsSchema.safeParse({ ...DEFAULT_WIN_BACK_SETTINGS, sendWindowStartHour: "-1", sendWindowEndHour: "25" });
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["sendWindowStartHour", "Enter an hour from 0 to 23"],
      ["sendWindowEndHour", "Enter an hour from 1 to 24"],
    ]);
  });
});
