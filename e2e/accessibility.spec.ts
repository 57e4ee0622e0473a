import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { type DemoRole, storageStatePath } from "./demo-accounts";
import { idsFor, pagesFor } from "./pages/app-pages";

// WCAG 2.1 A and AA rules; a serious or critical violation on any page fails the run. Axe leaves its experimental
// rules out, among them WCAG 2.5.3's (a control's name contains the text it shows): turned on by name.
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const EXPERIMENTAL_RULES = { "label-content-name-mismatch": { enabled: true } };
const FAILING = new Set(["serious", "critical"]);

async function violationsOn(page: Page, path: string): Promise<string[]> {
  await page.goto(path);
  await page.locator("h1").first().waitFor();
  await page.waitForLoadState("networkidle");
  const { violations } = await new AxeBuilder({ page }).options({ runOnly: { type: "tag", values: TAGS }, rules: EXPERIMENTAL_RULES }).analyze();
  return violations
    .filter((v) => FAILING.has(v.impact ?? ""))
    .map((v) => `${path}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
}

test("signed-out pages have no serious accessibility violations", async ({ page }) => {
  const found: string[] = [];
  for (const path of pagesFor("anonymous", null)) found.push(...(await violationsOn(page, path)));
  expect(found).toEqual([]);
});

for (const role of ["admin", "marketer", "stylist"] as const satisfies DemoRole[]) {
  test.describe(`as ${role}`, () => {
    test.use({ storageState: storageStatePath(role) });
    test(`every page ${role} can open has no serious accessibility violations`, async ({ page }) => {
      test.setTimeout(180_000);
      const ids = await idsFor(page);
      const found: string[] = [];
      for (const path of pagesFor(role, ids)) found.push(...(await violationsOn(page, path)));
      expect(found).toEqual([]);
    });
  });
}

test.describe("keyboard", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("the first Tab reaches a visible Skip to content, and focus is drawn on every stop after it", async ({ page }) => {
    await page.goto("/clients");
    await page.locator("h1").first().waitFor();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab");
      const outline = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return "none";
        const style = getComputedStyle(el);
        // A ring (box-shadow) counts as a drawn focus too: inputs use one.
        return style.outlineStyle !== "none" && style.outlineWidth !== "0px" ? "outline" : style.boxShadow !== "none" ? "ring" : "none";
      });
      expect(outline, `focus stop ${i + 2}`).not.toBe("none");
    }
  });
});
