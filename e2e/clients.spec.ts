import { expect, test } from "@playwright/test";
import { storageStatePath } from "./demo-accounts";
import { ClientFormPage, ClientsListPage } from "./pages/client-pages";

test.use({ storageState: storageStatePath("admin") });

test("create a client, fix a validation error, edit, add an order, then find them by search and filter", async ({ page }) => {
  const unique = Date.now().toString(36);
  const name = `Juniper Okafor ${unique}`;
  const email = `juniper.${unique}@example.com`;
  const form = new ClientFormPage(page);
  const list = new ClientsListPage(page);

  await list.goto();
  await page.getByRole("link", { name: "New client" }).click();
  await expect(page).toHaveTitle(/New client/);
  // Consent is never pre-given: the box starts unticked.
  await expect(page.getByRole("checkbox", { name: /Agreed to marketing email/ })).not.toBeChecked();

  // An invalid email is reported next to the field, and what was typed is kept.
  await form.fill({ name, email: "juniper-at-example" });
  await form.submit("Create client");
  await form.expectFieldError("Email", /valid email/);
  await expect(page.getByLabel("Full name")).toHaveValue(name);
  // The keyboard lands on the field to fix, not at the top of the page.
  await expect(page.getByLabel("Email", { exact: true })).toBeFocused();

  const stylist = await page.getByLabel("Stylist").locator("option").nth(2).textContent();
  await form.fill({ email, stylist: stylist ?? undefined });
  await form.submit("Create client");
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("Client created.");

  // A second client with the same email (in other case) is refused with a clear message.
  await page.goto("/clients/new");
  await form.fill({ name: "Someone Else", email: email.toUpperCase() });
  await form.submit("Create client");
  await form.expectFieldError("Email", "Another client already uses this email address.");

  // Edit the first client.
  await list.goto(`?q=${encodeURIComponent(unique)}`);
  await list.rowLink(name).click();
  await page.getByRole("link", { name: "Edit profile" }).click();
  await form.fill({ notes: "Prefers linen; tall fits." });
  await form.submit("Save changes");
  await expect(page.getByRole("status")).toHaveText("Changes saved.");
  await expect(page.getByText("Prefers linen; tall fits.")).toBeVisible();

  // Add an order: a bad value is caught, then fixed.
  await page.getByLabel("Items kept").fill("3");
  await page.getByLabel("Kept value (USD)").fill("lots");
  await page.getByRole("button", { name: "Add order" }).click();
  await expect(page.getByText("Enter an amount like 129.50")).toBeVisible();
  await page.getByLabel("Kept value (USD)").fill("187.40");
  await page.getByRole("button", { name: "Add order" }).click();
  await expect(page.getByTestId("orders-table")).toContainText("$187.40");
  await expect(page.getByTestId("orders-table")).toContainText("3 of 5");

  // Find by search, and by stylist filter.
  await list.goto();
  await list.search(email);
  await expect(list.rowLink(name)).toBeVisible();
  await expect(page.getByTestId("client-count")).toHaveText("1 client matches");

  await list.goto();
  await list.filterByStylist(stylist ?? "");
  await page.getByRole("link", { name: "Last order" }).click();
  await expect(list.rowLink(name)).toBeVisible();
  await expect(page).toHaveURL(/stylist=.*sort=last_order/);
});

test("a client with no orders is listed as not scored, and a score bound beside that tier says why it finds nobody", async ({ page }) => {
  await page.goto("/clients?tier=unscored");
  const rows = page.locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  await expect(rows.first().getByText("Not scored", { exact: true }).filter({ visible: true })).toHaveCount(1);
  await page.goto("/clients?tier=unscored&scoreMax=30");
  await expect(page.getByText("a score, chance or overdue bound leaves them out")).toBeVisible();
});
