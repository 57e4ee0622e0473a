import { expect, type Page, test } from "@playwright/test";
import { storageStatePath } from "./demo-accounts";

test.use({ storageState: storageStatePath("admin") });

/** The client ids on the first page of the list (rows link to /clients/<uuid>). */
async function clientLinks(page: Page, query: string): Promise<string[]> {
  await page.goto(`/clients${query}`);
  const hrefs = await page.locator('table a[href^="/clients/"]').evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.filter((h) => /^\/clients\/[0-9a-f-]{36}$/.test(h));
}

test("the top card and the Why panel quote the same figures, with their window", async ({ page }) => {
  const seen = { gap: false, kept: false, value: false };
  const lists = ["?tier=at_risk", "?tier=healthy"];
  const found: string[] = [];
  for (const q of lists) found.push(...(await clientLinks(page, q)));
  const candidates = [...new Set(found)].slice(0, 20);
  for (const href of candidates) {
    await page.goto(href);
    const why = (await page.getByTestId("why").innerText()).split("\n");
    // The chart ends on the score the card shows.
    const score = await page.getByTestId("engagement-score").innerText();
    await expect(page.getByRole("img", { name: /^Score over time:/ })).toHaveAttribute("aria-label", new RegExp(`, ${score} on [A-Z][a-z]{2} \\d+, \\d{4}, \\d+ weekly points$`));
    const gap = why.map((t) => /usual gap (\d+) days/.exec(t)?.[1]).find(Boolean);
    if (gap) {
      await expect(page.getByTestId("stat-last-order")).toContainText(`Usual gap ${gap} days`);
      seen.gap = true;
    }
    const kept = why.map((t) => /^Kept (\d+ of \d+ items, (last \d+ fixes|the only fix so far))$/.exec(t.trim())?.[1]).find(Boolean);
    if (kept) {
      await expect(page.getByTestId("stat-keep-rate")).toContainText(kept);
      seen.kept = true;
    }
    const value = why.map((t) => /^Average kept value (\$[\d,]+) per order, (.+)$/.exec(t.trim())).find(Boolean);
    if (value) {
      await expect(page.getByTestId("stat-kept-value")).toContainText(value[1] ?? "?");
      await expect(page.getByTestId("stat-kept-value")).toContainText(`Per order, ${value[2]}`);
      seen.value = true;
    }
    if (seen.gap && seen.kept) break;
  }
  // The value reason rarely makes a client's top three; when it does it is checked above (and always in the unit test).
  expect(seen).toMatchObject({ gap: true, kept: true });
});
