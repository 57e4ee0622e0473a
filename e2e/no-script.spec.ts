import { expect, test } from "@playwright/test";
import { storageStatePath } from "./demo-accounts";

/** What happens when the browser runs none of our scripts (blocked, slow, or still loading). */
test.use({ storageState: storageStatePath("admin"), javaScriptEnabled: false });

test("cancelling an order without scripts asks first, and only the answer cancels it", async ({ page }) => {
  // The list streams behind a loading state that only a script swaps in, so open the client by its address.
  await page.goto("/clients?sort=orders");
  const href = await page.locator("tbody a").first().getAttribute("href");
  await page.goto(href ?? "/clients");
  const live = page.getByTestId("orders-table").locator("tbody tr").filter({ has: page.locator("summary", { hasText: "Cancel" }) });
  const before = await live.count();
  const row = live.first();
  const date = await row.locator("td").first().innerText();

  // The first click only opens the question.
  await row.locator("summary", { hasText: "Cancel" }).click();
  await expect(row.getByText(/Cancel the order from .*\?/)).toBeVisible();
  await page.reload();
  await expect(live).toHaveCount(before);

  await row.locator("summary", { hasText: "Cancel" }).click();
  await row.getByRole("button", { name: "Yes, cancel this order" }).click();
  await expect(live).toHaveCount(before - 1);
  await expect(page.getByTestId("orders-table").locator("tbody tr").filter({ hasText: date.split("\n")[0] ?? date }).first()).toContainText("Cancelled");
});

test("changing a role without scripts posts with its button, asks before making an admin, and shows the saved role", async ({ page }) => {
  await page.goto("/settings/users");
  const row = page.getByTestId("users-list").getByRole("listitem").filter({ hasText: "marketer@rekindle.test" });
  const role = row.getByLabel(/Role for/);
  await role.selectOption("admin");
  await row.getByRole("button", { name: "Change role" }).click();
  await expect(row.getByRole("alert")).toContainText("will be able to manage users, settings, API keys and every client");
  await expect(row.getByLabel(/Role for/)).toHaveValue("admin");
  await row.getByRole("button", { name: "Yes, change the role" }).click();
  await expect(row.getByRole("status")).toContainText("is now an admin");
  await expect(row.getByLabel(/Role for/)).toHaveValue("admin");

  await row.getByLabel(/Role for/).selectOption("marketer");
  await row.getByRole("button", { name: "Change role" }).click();
  await expect(row.getByRole("status")).toContainText("is now a marketer");
  await expect(row.getByLabel(/Role for/)).toHaveValue("marketer");
});

test("a small CSV uploads without scripts in one request and the page shows its job", async ({ page }) => {
  await page.goto("/import");
  const name = `no-script-${Date.now().toString(36)}.csv`;
  await page.getByLabel("CSV file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from("email,name\nno.script@example.com,No Script\n") });
  await page.getByRole("radio", { name: "Client profiles" }).check();
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page).toHaveURL(/\/import\?job=[0-9a-f-]{36}$/);
  await expect(page.getByTestId("import-job")).toContainText(name);

  // Without a file the page says so.
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page.getByRole("alert")).toHaveText("Choose a CSV file first.");

  // Only the app's own words: a link from elsewhere carrying a message of its choosing shows nothing.
  const forged = new URL(page.url());
  forged.searchParams.set("uploadError", "Your session expired. Sign in again at https://evil.example");
  await page.goto(forged.pathname + forged.search);
  await expect(page.getByLabel("CSV file")).toBeVisible();
  await expect(page.getByText("Your session expired")).toHaveCount(0);
});
