import { expect, test } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, storageStatePath } from "./demo-accounts";
import { LoginPage } from "./pages/login-page";

const mainNav = (page: import("@playwright/test").Page) => page.getByRole("navigation", { name: "Main" }).first().getByRole("link");

test.describe("navigation per role", () => {
  for (const [role, expected] of [
    ["admin", ["Overview", "Today", "Clients", "Emails", "Import", "Model check", "Mailbox", "Settings"]],
    ["marketer", ["Overview", "Today", "Clients", "Emails", "Import", "Model check"]],
    ["stylist", ["Overview", "Today", "Clients", "Emails"]],
  ] as const) {
    test(`${role} sees ${expected.join(", ")}`, async ({ browser }) => {
      const context = await browser.newContext({ storageState: storageStatePath(role) });
      const page = await context.newPage();
      await page.goto("/clients");
      const links = await mainNav(page).allTextContents();
      expect(links).toEqual(expected);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(role === "stylist" ? "My clients" : "Clients");
      await context.close();
    });
  }
});

test("a failed sign-in says so without saying whether the account exists", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(ACCOUNTS.marketer.email, "not-the-password");
  const alert = page.locator("main form [role=alert]");
  const known = await alert.textContent();
  await login.signIn("nobody-here@rekindle.test", "not-the-password");
  await expect(alert).toHaveText(known ?? "");
  expect(known).toContain("do not match an active account");
});

test.describe("as admin", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("a settings change appears in the audit log with before and after", async ({ page }) => {
    await page.goto("/settings");
    // Pick a value that differs from the saved one, so a retried run still records a change.
    const before = await page.getByLabel("Watch from").inputValue();
    const after = before === "48" ? "47" : "48";
    await page.getByLabel("Watch from").fill(after);
    await page.getByLabel("At risk from").fill("60");
    await page.getByRole("button", { name: "Save engagement settings" }).click();
    await expect(page.getByText("At risk from must be below Watch from")).toBeVisible();
    await page.getByLabel("At risk from").fill("28");
    await page.getByRole("button", { name: "Save engagement settings" }).click();
    await expect(page.getByRole("status")).toContainText("Engagement settings saved");

    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Audit log" }).click();
    const entry = page.getByTestId("audit-log").getByRole("listitem").first();
    await expect(entry).toContainText("Alex Admin changed the engagement settings");
    await expect(entry).toContainText("Watch from");
    await expect(entry).toContainText(`${before} → ${after}`);
  });

  test("the engagement settings say which weights the scores use, as Settings → Scoring does", async ({ page }) => {
    await page.goto("/settings/scoring");
    const model = (await page.getByTestId("score-weights").textContent()) ?? "";
    const learned = /learned on the shop's history: (.*)\.$/.exec(model)?.[1];
    await page.goto("/settings");
    const inUse = page.getByTestId("weights-in-use");
    await expect(inUse).toContainText(learned ? `learned on the shop's own history by the model fitted` : "use the weights below");
    if (learned) await expect(inUse).toContainText(learned);
  });

  test("an offer with a link is refused on Settings → Email, beside the offers, whichever line it is on", async ({ page }) => {
    await page.goto("/settings/email");
    const offers = page.getByLabel("Allowed offers, one a line");
    await offers.fill("Free shipping on your next fix\nTerms at rekindle.shop/terms");
    await page.getByRole("button", { name: "Save win-back settings" }).click();
    await expect(page.getByText("Leave links out of offers: the email's links are added for you")).toBeVisible();
    await expect(offers).toHaveAttribute("aria-invalid", "true");
  });

  test("deactivating a stylist ends their session at once; reactivating lets them back", async ({ page, browser }) => {
    // A context of its own with no cookies (newContext would otherwise inherit the admin's storage state).
    const stylistContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const stylistPage = await stylistContext.newPage();
    const login = new LoginPage(stylistPage);
    await login.goto();
    await login.signIn("priya.stylist@rekindle.test", DEMO_PASSWORD);
    // A stylist lands on their Today list.
    await expect(stylistPage.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();

    await page.goto("/settings/users");
    const row = page.getByTestId("users-list").getByRole("listitem").filter({ hasText: "priya.stylist@rekindle.test" });
    await row.getByRole("button", { name: "Deactivate" }).click();
    await expect(row).toContainText("Deactivated");

    await stylistPage.reload();
    await expect(stylistPage).toHaveURL(/\/login/);

    await row.getByRole("button", { name: "Reactivate" }).click();
    await expect(row).not.toContainText("Deactivated");
    await login.signIn("priya.stylist@rekindle.test", DEMO_PASSWORD);
    await expect(stylistPage.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();
    await stylistContext.close();
  });

  test("an admin sets a person's password: their open session ends and only the new password signs them in", async ({ page, browser }) => {
    const email = `reset.${Date.now()}@rekindle.test`;
    await page.goto("/settings/users");
    await page.getByLabel("Name").fill("Reset Person");
    await page.getByLabel("Email").fill(email);
    // The field's rule is read out with it, not only shown under it.
    await expect(page.getByLabel(/^Password/)).toHaveAccessibleDescription(/At least 12 characters/);
    await page.getByLabel(/^Password/).fill("the first long secret");
    await page.getByRole("button", { name: "Add user" }).click();
    const row = page.getByTestId("users-list").getByRole("listitem").filter({ hasText: email });
    await expect(row).toBeVisible();

    const theirContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const theirPage = await theirContext.newPage();
    const login = new LoginPage(theirPage);
    await login.goto();
    await login.signIn(email, "the first long secret");
    await expect(theirPage.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();

    await row.getByText("Set password").click();
    const field = row.getByLabel("New password for Reset Person");
    await field.fill("short");
    await row.getByRole("button", { name: "Save password" }).click();
    await expect(row.getByRole("alert")).toHaveText("Use at least 12 characters");
    await field.fill("the second long secret");
    await row.getByRole("button", { name: "Save password" }).click();
    await expect(row.getByRole("status")).toContainText("They were signed out everywhere");

    await theirPage.reload();
    await expect(theirPage).toHaveURL(/\/login/);
    await login.signIn(email, "the first long secret");
    await expect(theirPage.locator("main form [role=alert]")).toBeVisible();
    await login.signIn(email, "the second long secret");
    await expect(theirPage.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();
    await theirContext.close();
  });

  test("an API key is shown once, listed with its prefix, and can be revoked", async ({ page }) => {
    // A retry names its key afresh: an active key's name is its own.
    const name = `E2E order system ${test.info().retry}`;
    await page.goto("/settings/api-keys");
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Create key" }).click();
    const token = await page.getByTestId("new-api-key").textContent();
    expect(token).toMatch(/^rk_[0-9a-f]{8}_/);
    const item = page.getByTestId("api-keys-list").getByRole("listitem").filter({ hasText: name });
    await expect(item).toContainText(token?.slice(0, 11) ?? "");
    await page.reload();
    await expect(page.getByTestId("new-api-key")).toHaveCount(0);
    await item.locator("summary").filter({ hasText: "Revoke" }).click();
    await item.getByRole("button", { name: "Yes, revoke this key" }).click();
    await expect(item).toContainText("Revoked");
    // The Revoke control is gone with the answer: the shell reads the answer out instead.
    await expect(page.getByTestId("announcer")).toHaveText("Key revoked. Requests with it are refused within 10 seconds.");
  });
});
