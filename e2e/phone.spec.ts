import { expect, test } from "@playwright/test";
import { storageStatePath } from "./demo-accounts";
import { createClientWithDraft } from "./pages/client-pages";
import { expectNoSidewaysScroll, expectNothingClipped, PHONE } from "./pages/layout";

test.use({ storageState: storageStatePath("admin"), viewport: PHONE });

test("on a phone the clients table fits its card", async ({ page }) => {
  await page.goto("/clients?sort=last_order&dir=asc");
  await expect(page.locator("tbody tr").first()).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNothingClipped(page, "main section:has(table)");
});

test("on a phone a client's orders, with their Edit and Cancel, fit the card, and the chart's labels are readable", async ({ page }) => {
  await page.goto("/clients?sort=orders");
  await page.locator("tbody a").first().click();
  await expect(page.getByTestId("orders-table")).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNothingClipped(page, "section:has([data-testid=orders-table])");
  const label = page.locator("figure svg:visible text").first();
  const height = await label.evaluate((el) => el.getBoundingClientRect().height);
  expect(height).toBeGreaterThanOrEqual(9);
});

test("on a phone the menu closes once a link in it is followed, and on Escape", async ({ page }) => {
  await page.goto("/overview");
  const menu = page.locator("header details");
  await menu.locator("summary").click();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Clients" }).filter({ visible: true }).click();
  await expect(page).toHaveURL(/\/clients$/);
  await expect(menu).not.toHaveAttribute("open");
  // Nothing of the menu lies over the page: the search box takes a tap.
  await page.getByRole("searchbox").first().click();

  await menu.locator("summary").click();
  await expect(menu).toHaveAttribute("open");
  await page.keyboard.press("Escape");
  await expect(menu).not.toHaveAttribute("open");
  await expect(menu.locator("summary")).toBeFocused();
});

test("on a phone the email review queue fits its card, with each email's tier and status under its subject", async ({ page }) => {
  await createClientWithDraft(page, "Noor", "Haddad");

  await page.goto("/emails?status=all");
  const firstRow = page.locator("tbody tr").first();
  await expect(firstRow).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNothingClipped(page, "main section:has(table)");
  await expect(firstRow.getByText(/^(Healthy|Watch|At risk|Lapsed|Not scored)$/).filter({ visible: true })).toHaveCount(1);
});
