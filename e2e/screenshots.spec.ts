import { test } from "@playwright/test";
import { storageStatePath } from "./demo-accounts";

/**
 * Not a check: pictures of every page at desktop and phone width for people to look at
 * (`SCREENSHOTS=1 npx playwright test --project screenshots`, written to screenshots/). SCREENSHOT_PAGES=name,name
 * takes only those of the admin's and stylist's pages (the names below).
 */
const ONLY_PAGES = process.env.SCREENSHOT_PAGES?.split(",").map((name) => name.trim());
// A form's own error; Next's route announcer is an (empty) alert too.
const formAlert = (page: import("@playwright/test").Page) => page.locator('main [role="alert"]').first();

/** Each [name, path] once its heading and requests have settled, unless SCREENSHOT_PAGES leaves it out. */
async function picturePages(page: import("@playwright/test").Page, device: string, pages: [string, string][]) {
  for (const [name, path] of pages.filter(([name]) => !ONLY_PAGES || ONLY_PAGES.includes(name))) {
    await page.goto(path);
    await page.locator("main h1").first().waitFor();
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: `screenshots/${device}-${name}.png`, fullPage: true });
  }
}
const VIEWPORTS = { desktop: { width: 1440, height: 960 }, phone: { width: 390, height: 844 } } as const;

async function firstClientPath(page: import("@playwright/test").Page) {
  await page.goto("/clients?sort=orders");
  const href = await page.locator("tbody a").first().getAttribute("href");
  return href ?? "/clients";
}

for (const [device, viewport] of Object.entries(VIEWPORTS)) {
  test.describe(device, () => {
    test.use({ viewport });

    test("signed out", async ({ page }) => {
      await page.goto("/login");
      await page.screenshot({ path: `screenshots/${device}-login.png`, fullPage: true });
      await page.goto("/login/check-email");
      await page.screenshot({ path: `screenshots/${device}-login-check-email.png`, fullPage: true });
    });

    test.describe("as marketer", () => {
      test.use({ storageState: storageStatePath("marketer") });
      test("landing page", async ({ page }) => {
        await page.goto("/");
        await page.locator("main h1").first().waitFor();
        await page.waitForLoadState("networkidle");
        await page.screenshot({ path: `screenshots/${device}-marketer-overview.png`, fullPage: true });
      });
    });

    test.describe("as admin", () => {
      test.use({ storageState: storageStatePath("admin") });
      test("pages", async ({ page }) => {
        test.setTimeout(240_000);
        const client = await firstClientPath(page);
        const pages: [string, string][] = [
          ["overview", "/overview"],
          ["overview-year", "/overview?from=2026-01-01&to=2026-12-31"],
          ["clients-outreach", "/clients?outreach=emailed&from=2026-01-01&to=2026-12-31"],
          ["today", "/today"],
          ["clients", "/clients"],
          ["clients-search", "/clients?q=smith&sort=last_order"],
          ["clients-empty", "/clients?q=zzzzzz"],
          ["client", client],
          ["client-edit", `${client}/edit`],
          ["client-new", "/clients/new"],
          ["settings-engagement", "/settings"],
          ["settings-email", "/settings/email"],
          ["settings-users", "/settings/users"],
          ["settings-api-keys", "/settings/api-keys"],
          ["settings-audit", "/settings/audit"],
          ["settings-scoring", "/settings/scoring"],
          ["settings-webhooks", "/settings/webhooks"],
          ["settings-runs", "/settings/runs"],
          ["settings-demo", "/settings/demo"],
          ["import", "/import"],
          ["backtest", "/backtest"],
          ["clients-at-risk", "/clients?tier=at_risk&sort=score&dir=asc"],
          ["clients-filtered", "/clients?tier=at_risk,lapsed&scoreMax=40&consent=yes&sort=score"],
          ["not-found", "/clients/00000000-0000-4000-8000-000000000000"],
          ["emails", "/emails"],
          ["emails-sent", "/emails?status=sent"],
          ["mailbox", "/mailbox"],
        ];
        await page.goto(client);
        const orderEdit = await page.locator('a[href*="/orders/"]').first().getAttribute("href");
        if (orderEdit) pages.push(["order-edit", orderEdit]);
        await picturePages(page, device, pages);
        await page.goto("/today");
        await page.locator("main summary").filter({ hasText: /^Snooze/ }).first().click();
        await page.getByRole("button", { name: "Snooze", exact: true }).click();
        await formAlert(page).waitFor();
        await page.screenshot({ path: `screenshots/${device}-today-snooze-errors.png`, fullPage: true });
        // One email page and one mailbox message, when there are any.
        for (const [name, list, link] of [["email", "/emails?status=sent", "tbody a[href^='/emails/']"], ["mailbox-message", "/mailbox", "a[href^='/mailbox?message=']"]] as const) {
          await page.goto(list);
          // The page is rendered on the server: no link now means none to come (a fresh demo has no sent email).
          const anchor = page.locator(link).first();
          const href = (await anchor.count()) > 0 ? await anchor.getAttribute("href") : null;
          if (!href) continue;
          await page.goto(href);
          await page.waitForLoadState("networkidle");
          await page.screenshot({ path: `screenshots/${device}-${name}.png`, fullPage: true });
        }
        await page.goto("/unsubscribe/example-token");
        await page.screenshot({ path: `screenshots/${device}-unsubscribe.png`, fullPage: true });
        await page.goto("/clients/new");
        await page.getByRole("button", { name: "Create client" }).click();
        await formAlert(page).waitFor();
        await page.screenshot({ path: `screenshots/${device}-client-new-errors.png`, fullPage: true });
      });
    });

    test.describe("as stylist", () => {
      test.use({ storageState: storageStatePath("stylist") });
      test("landing pages", async ({ page }) => {
        const pages: [string, string][] = [
          ["stylist-today", "/"],
          ["stylist-overview", "/overview"],
        ];
        await picturePages(page, device, pages);
      });
    });
  });
}
