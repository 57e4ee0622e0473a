import { expect, test } from "@playwright/test";
import { storageStatePath } from "./demo-accounts";

test.use({ storageState: storageStatePath("admin"), timezoneId: "Asia/Tokyo" });

test("times show in the viewer's timezone, and in UTC, named, before the browser has said which", async ({ page, context }) => {
  await context.clearCookies({ name: "tz" });
  // The first render knows no zone (as without JavaScript): UTC, and it says so.
  const first = await (await page.request.get("/settings/audit")).text();
  expect(first).toMatch(/<time[^>]*title="UTC"[^>]*>[^<]* UTC<\/time>/);

  // The browser reports its zone, and the page shows Tokyo time, named.
  await page.goto("/settings/audit");
  await expect(page.locator("time").first()).toContainText("GMT+9");
  await expect.poll(async () => (await context.cookies()).find((c) => c.name === "tz")?.value).toBe(encodeURIComponent("Asia/Tokyo"));

  // From then on the server renders in it too, so the first paint is already right.
  const later = await (await page.request.get("/settings/audit")).text();
  expect(later).toMatch(/<time[^>]*title="Asia\/Tokyo"[^>]*>[^<]* GMT\+9<\/time>/);
});
