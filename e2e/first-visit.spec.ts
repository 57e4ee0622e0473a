import { expect, test } from "@playwright/test";
import { storageStatePath } from "./demo-accounts";

test("a signed-out visitor on a missing page sees its title and the way to sign in, and the site has an icon", async ({ page, request }) => {
  await page.goto("/no-such-page");
  await expect(page).toHaveTitle("Page not found · Rekindle");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to clients" })).toHaveCount(0);
  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(icon).toBeTruthy();
  expect((await request.get(icon ?? "/")).status()).toBe(200);
  // Asked for by browsers, feed readers and bookmarks whatever the page says.
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/^image\//);
});

test("an unsubscribe link cut short mid-escape says it does not work, on the page and to a mail client's one click", async ({ page, request }) => {
  const response = await page.goto("/unsubscribe/%E0%A4%A");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This unsubscribe link does not work");
  const oneClick = await request.post("/api/unsubscribe/%E0%A4%A", { form: { "List-Unsubscribe": "One-Click" } });
  expect(oneClick.status()).toBe(400);
  // Any other address so cut is a 400 that says why, not a 500.
  const cut = await request.get("/clients/%E0%A4%A");
  expect(cut.status()).toBe(400);
  expect(await cut.text()).toContain("malformed %-escape");
});

test.describe("as admin", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("ticking a tier filters at once, with only the set filters in the address", async ({ page }) => {
    await page.goto("/clients");
    await page.getByText("More filters").click();
    await page.getByRole("checkbox", { name: "Watch" }).check();
    await expect(page).toHaveURL(/[?&]tier=watch/);
    expect(page.url()).not.toMatch(/[?&](q|stylist|scoreMin|scoreMax|pMin|pMax|overdue)=/);
    await expect(page.getByRole("checkbox", { name: "Watch" })).toBeChecked();
  });

  test("the audit log filters by action", async ({ page }) => {
    await page.goto("/settings/audit");
    // The seed starts a full rescoring, so a fresh database has this entry.
    await page.getByLabel("Action").selectOption({ label: "started a full rescoring" });
    await expect(page).toHaveURL(/action=scoring\.full_rescore\.start/);
    await expect(page.getByTestId("audit-log").getByRole("listitem").first()).toContainText("started a full rescoring");
    await page.getByLabel("Action").selectOption({ label: "revoked the API key" });
    await expect(page).toHaveURL(/action=api_key\.revoke/);
    // Nothing is revoked before roles.spec.ts runs: the filter shows that, rather than unfiltered entries.
    await expect(page.getByText("No entries match", { exact: true })).toBeVisible();
  });

  test("engagement settings speak the form's words and take weights in percent", async ({ page }) => {
    await page.goto("/settings");
    await expect(page.getByLabel("Recency (%)")).toHaveValue(/^\d+(\.\d+)?$/);
    for (const [label, value] of [["Recency (%)", "0.45"], ["Frequency (%)", "0.25"], ["Value (%)", "0.15"], ["Keep rate (%)", "0.15"]] as const) await page.getByLabel(label).fill(value);
    await page.getByRole("button", { name: "Save engagement settings" }).click();
    await expect(page.getByText("The weights add up to 1%; make them add up to 100%")).toBeVisible();
  });
});
