import { expect, test } from "@playwright/test";
import { storageStatePath } from "./demo-accounts";
import { createClient } from "./pages/client-pages";

test.use({ storageState: storageStatePath("stylist") });

test("a call logged on a client's page shows on their timeline; a bad note is refused beside its field", async ({ page }) => {
  const client = await createClient(page, "Noor", "Haddad", { consent: false });
  const created = page.getByRole("status").filter({ hasText: "Client created." });
  await expect(created).toBeVisible();
  await page.locator("summary", { hasText: /^Log contact/ }).click();
  await page.getByLabel("How").selectOption({ label: "Phone call" });
  await page.getByLabel("Note (optional)").evaluate((input: HTMLInputElement) => {
    input.removeAttribute("maxlength");
    input.value = "x".repeat(501);
  });
  await page.getByRole("button", { name: "Log contact" }).click();
  await expect(page.getByText("Keep the note to 500 characters or fewer")).toBeVisible();
  await page.getByLabel("Note (optional)").fill("Left a voicemail, will try Friday");
  await page.getByRole("button", { name: "Log contact" }).click();
  await expect(page.getByTestId("toast")).toContainText("Contact logged: it is on the client's timeline.");
  // Read out too, though the form's own line folded away with it, and the keyboard is back on its button.
  await expect(page.getByTestId("announcer")).toHaveText("Contact logged: it is on the client's timeline.");
  await expect(page.locator("summary", { hasText: /^Log contact/ })).toBeFocused();
  // The later answer replaces the page's notice rather than sitting under it.
  await expect(created).toHaveCount(0);
  // The form folds away once it is done.
  await expect(page.getByLabel("Note (optional)")).toBeHidden();
  await expect(page.getByText(/Contact logged by /)).toBeVisible();
  await expect(page.getByText("Phone call: Left a voicemail, will try Friday")).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(client.path);
});

test("logging contact on Today takes the client off the list and says so", async ({ page }) => {
  await page.goto("/today");
  const first = page.locator("#work-list li").first();
  const name = (await first.getByRole("link").first().textContent()) ?? "";
  expect(name).not.toBe("");
  // One small form open at a time: opening Log contact folds Snooze away.
  await first.locator("summary", { hasText: /^Snooze/ }).click();
  await expect(first.getByLabel("For")).toBeVisible();
  await first.locator("summary", { hasText: /^Log contact/ }).click();
  await expect(first.getByLabel("For")).toBeHidden();
  // Escape folds it, and the keyboard is back on its button; opening another row's form folds this one too.
  await page.keyboard.press("Escape");
  await expect(first.getByLabel("How")).toBeHidden();
  await expect(first.locator("summary", { hasText: /^Log contact/ })).toBeFocused();
  await first.locator("summary", { hasText: /^Log contact/ }).click();
  await page.locator("#work-list li").nth(1).locator("summary", { hasText: /^Snooze/ }).click();
  await expect(first.getByLabel("How")).toBeHidden();
  await first.locator("summary", { hasText: /^Log contact/ }).click();
  await first.getByLabel("How").selectOption({ label: "Text message" });
  await first.getByRole("button", { name: "Log contact" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Contact logged: the client is off the list" })).toBeVisible();
  // Said once: the address drops the notice's key, so a reload does not say it again.
  await expect.poll(() => page.url()).not.toContain("contactLogged");
  await page.reload();
  await expect(page.getByText("Contact logged: the client is off the list")).toHaveCount(0);
  await expect(page.locator("#work-list").getByRole("link", { name, exact: true })).toHaveCount(0);
});

test("a snooze refused for its reason keeps the days chosen, so fixing the reason snoozes for as long as asked", async ({ page }) => {
  await page.goto("/today");
  const row = page.locator("#work-list li").first();
  await row.locator("summary", { hasText: /^Snooze/ }).click();
  await row.getByLabel("For").selectOption({ label: "14 days" });
  await row.getByLabel("Reason").fill("ab");
  await row.getByRole("button", { name: "Snooze", exact: true }).click();
  await expect(row.getByText("Say why, in a few words")).toBeVisible();
  await expect(row.getByLabel("For")).toHaveValue("14");
  await expect(row.getByLabel("Reason")).toHaveValue("ab");
});
