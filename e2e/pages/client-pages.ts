import { expect, type Page } from "@playwright/test";

export class ClientsListPage {
  constructor(private readonly page: Page) {}

  async goto(query = "") {
    await this.page.goto(`/clients${query}`);
  }

  async search(text: string) {
    await this.page.getByRole("searchbox", { name: "Search by name or email" }).fill(text);
    await this.page.getByRole("button", { name: "Apply" }).click();
  }

  async filterByStylist(name: string) {
    // Exact: the bulk reassign form beside the list has its own "To stylist".
    await this.page.getByLabel("Stylist", { exact: true }).selectOption({ label: name });
    await expect(this.page).toHaveURL(/[?&]stylist=/);
  }

  rowLink(name: string) {
    return this.page.getByRole("link", { name, exact: true });
  }
}

export class ClientFormPage {
  constructor(private readonly page: Page) {}

  async fill(values: { name?: string; email?: string; stylist?: string; notes?: string }) {
    if (values.name !== undefined) await this.page.getByLabel("Full name").fill(values.name);
    if (values.email !== undefined) await this.page.getByLabel("Email", { exact: true }).fill(values.email);
    if (values.stylist !== undefined) await this.page.getByLabel("Stylist", { exact: true }).selectOption({ label: values.stylist });
    if (values.notes !== undefined) await this.page.getByLabel("Notes").fill(values.notes);
  }

  async submit(label: "Create client" | "Save changes") {
    await this.page.getByRole("button", { name: label }).click();
  }

  async expectFieldError(label: string, message: string | RegExp) {
    const field = this.page.getByLabel(label, { exact: true });
    await expect(field).toHaveAttribute("aria-invalid", "true");
    const describedBy = await field.getAttribute("aria-describedby");
    await expect(this.page.locator(`#${describedBy}`)).toHaveText(message);
  }
}

/** A new client made through the form, named `first last` plus a suffix of the test's own; answers their page's path. */
/** Records a fix on the client page open: win-back emails are only for clients who have had one. */
export async function addFix(page: Page) {
  await page.getByLabel("Items kept").fill("2");
  await page.getByLabel("Kept value (USD)").fill("148.00");
  await page.getByRole("button", { name: "Add order" }).click();
  await expect(page.getByTestId("orders-table")).toContainText("$148.00");
}

/** A new client of the signed-in stylist; one who agreed to marketing email also gets a fix, so a win-back may be written. */
export async function createClient(page: Page, first: string, last: string, options: { consent: boolean }) {
  const unique = Date.now().toString(36);
  const name = `${first} ${last} ${unique}`;
  await page.goto("/clients/new");
  const form = new ClientFormPage(page);
  await form.fill({ name, email: `${first.toLowerCase()}.${unique}@example.com`, notes: "" });
  if (options.consent) await page.getByLabel(/Agreed to marketing email/).check();
  await form.submit("Create client");
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  if (options.consent) await addFix(page);
  return { name, path: new URL(page.url()).pathname };
}

/** A consenting client with a win-back draft written on their page: a queue row of the test's own, whatever ran before. */
export async function createClientWithDraft(page: Page, first: string, last: string) {
  const client = await createClient(page, first, last, { consent: true });
  await page.getByRole("button", { name: "Draft with AI" }).click();
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
  return client;
}
