import { expect, test } from "@playwright/test";
import { storageStatePath } from "./demo-accounts";
import { idsFor } from "./pages/app-pages";

test.describe("demo controls", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("an admin overrides a client's tier: a toast confirms, the client page and the list mark it Demo, ending it confirms too", async ({ page }) => {
    const { id } = await idsFor(page);
    await page.goto(`/clients/${id}`);
    const controls = page.getByTestId("client-demo-controls");
    await controls.getByLabel("Show as").selectOption("lapsed");
    await controls.getByLabel("For").selectOption("3");
    await controls.getByRole("button", { name: "Override tier" }).click();

    await expect(page.getByTestId("toast")).toContainText("Demo override: shown as Lapsed");
    await expect(page.getByTestId("demo-override").first()).toContainText("Lapsed");
    const name = (await page.locator("main h1").first().textContent()) ?? "";
    await page.goto(`/clients?q=${encodeURIComponent(name)}`);
    await expect(page.locator(`tbody tr:has(a[href="/clients/${id}"])`).getByTestId("demo-override").last()).toBeVisible();

    await page.goto("/settings/demo");
    await expect(page.getByTestId("demo-overrides")).toContainText(name);
    await page.getByRole("button", { name: `End override for ${name}` }).click();
    await expect(page.getByTestId("toast")).toContainText("Demo override ended");
    await expect(page.getByTestId("demo-overrides")).toContainText("No overrides in force");
  });
});
