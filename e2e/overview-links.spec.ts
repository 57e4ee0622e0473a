import { expect, type Page, test } from "@playwright/test";
import { storageStatePath } from "./demo-accounts";
import { createClientWithDraft } from "./pages/client-pages";

// The overview's numbers lead to the rows behind them: following a link lands on a list with its filter applied and
// as many rows as the number said.

test.use({ storageState: storageStatePath("marketer") });

/** The number a link shows or names ("Watch: 1,204 clients on Dec 6, 2026" → 1204). */
async function numberOf(page: Page, name: RegExp): Promise<{ n: number; link: ReturnType<Page["getByRole"]> }> {
  const link = page.getByRole("link", { name }).first();
  const label = (await link.getAttribute("aria-label")) ?? (await link.textContent()) ?? "";
  const match = /([\d,]+)/.exec(label.replace(/^[^:]*: /, ""));
  return { n: Number((match?.[1] ?? "NaN").replaceAll(",", "")), link };
}

async function clientCount(page: Page): Promise<number> {
  const text = (await page.getByTestId("client-count").textContent()) ?? "";
  return Number((/([\d,]+)/.exec(text)?.[1] ?? "NaN").replaceAll(",", ""));
}

test("a point on the tiers-over-time chart opens, by keyboard, the clients in that tier on that day", async ({ page }) => {
  await page.goto("/overview");
  const { n, link } = await numberOf(page, /^Watch: [\d,]+ clients? on /);
  await page.keyboard.press("Tab"); // keyboard modality, so focus is drawn as for a Tab stop
  await link.focus();
  await expect(link).toBeFocused();
  // The focus ring: the point's outer circle gets a stroke only on keyboard focus.
  const ring = await link.locator("circle").first().evaluate((el) => getComputedStyle(el).stroke);
  expect(ring).not.toMatch(/^(none|transparent|rgba\(0, 0, 0, 0\))$/);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/clients\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get("tier")).toBe("watch");
  // The demo's one day is the latest, whose counts are live: the link opens the tier as now (earlier days add asOf).
  await expect(page.getByRole("checkbox", { name: "Watch" })).toBeChecked();
  await expect(page.getByTestId("client-count")).toContainText("match");
  expect(await clientCount(page)).toBe(n);
});

test("the ordered-again figure opens the emailed group's clients won back in the range; drafted opens the emails drafted in it, its share discarded the discarded ones", async ({ page, browser }) => {
  await page.goto("/overview?from=2026-01-01&to=2026-12-31");
  const winBacks = await numberOf(page, /^[\d,]+ clients in the emailed group, first assigned in the range, ordered again/);
  await winBacks.link.click();
  await page.waitForURL(/\/clients\?/);
  const url = new URL(page.url());
  expect(Object.fromEntries(url.searchParams)).toMatchObject({ outreach: "emailed", won: "1", from: "2026-01-01", to: "2026-12-31" });
  await expect(page.getByText(/Win-back outreach: clients first assigned to win-back outreach .* in the emailed group.*won back/)).toBeVisible();
  expect(await clientCount(page)).toBe(winBacks.n);

  await page.goto("/overview?from=2026-01-01&to=2026-12-31");
  const drafted = page.getByRole("term").filter({ hasText: /^Drafted$/ }).locator("xpath=following-sibling::dd[1]").getByRole("link");
  const count = Number(((await drafted.textContent()) ?? "").replaceAll(",", ""));
  await drafted.click();
  await page.waitForURL(/\/emails\?/);
  expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ status: "all", from: "2026-01-01", to: "2026-12-31" });
  await expect(page.getByLabel("Drafted from")).toHaveValue("2026-01-01");
  await expect(page.getByRole("status").filter({ hasText: /emails?/ })).toContainText(`${count.toLocaleString("en-US")} ${count === 1 ? "email" : "emails"}`);

  // The share of them discarded opens the discarded ones, as many as the share said: one of this test's own first.
  const stylist = await browser.newPage({ storageState: storageStatePath("stylist") });
  await createClientWithDraft(stylist, "Odile", "Marchetti");
  await stylist.locator("#win-back-email").getByRole("link", { name: "Preview and history" }).click();
  await stylist.getByLabel("Reason for discarding").fill("Not the right moment");
  await stylist.getByRole("button", { name: "Discard" }).click();
  await expect(stylist.getByTestId("toast").filter({ hasText: "Discarded." })).toBeVisible();
  await stylist.close();
  await page.goto("/overview?from=2026-01-01&to=2026-12-31");
  const draftedNow = Number(((await drafted.textContent()) ?? "").replaceAll(",", ""));
  const share = page.getByRole("link", { name: /^[\d.]+% discarded$/ });
  const percent = Number(/^([\d.]+)%/.exec((await share.textContent()) ?? "")?.[1] ?? "NaN");
  await share.click();
  await page.waitForURL(/\/emails\?/);
  expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ status: "discarded", from: "2026-01-01", to: "2026-12-31" });
  const discarded = Number((/([\d,]+) emails?/.exec((await page.getByRole("status").filter({ hasText: /emails?/ }).textContent()) ?? "")?.[1] ?? "NaN").replaceAll(",", ""));
  expect(discarded).toBeGreaterThan(0);
  expect(((100 * discarded) / draftedNow).toFixed(1)).toBe(percent.toFixed(1));
});

test("the overview leads with what needs action, each a link to its rows", async ({ page }) => {
  await page.goto("/overview");
  const panel = page.getByRole("region", { name: "Needs action" });
  await expect(panel).toBeVisible();
  const drafts = panel.getByRole("link", { name: /drafts? awaiting review/ });
  if (await drafts.count()) {
    await drafts.click();
    await page.waitForURL(/\/emails\?status=draft/);
    await expect(page.getByLabel("Status")).toHaveValue("draft");
  } else {
    await expect(panel.getByRole("link", { name: /Today/ })).toBeVisible();
  }
});

test("a range that ends before the first scoring run says so and leads to the latest scores", async ({ page }) => {
  await page.goto("/overview?from=2020-01-01&to=2020-03-31");
  await expect(page.getByText("Nothing scored by Mar 31, 2020", { exact: true })).toBeVisible();
  await expect(page.getByText("No full scoring run yet.")).toHaveCount(0);
  await page.getByRole("link", { name: "Show the latest 90 days" }).click();
  await expect(page.getByText(/^As scored on /)).toBeVisible();
});

test("a From after the To is said, not silently replaced", async ({ page }) => {
  await page.goto("/overview?from=2026-11-10&to=2026-11-01");
  await expect(page.getByRole("status").filter({ hasText: "From was after To, so this shows the 90 days up to Nov 1, 2026." })).toBeVisible();
  await expect(page.getByLabel("From")).toHaveValue("2026-08-04");
});

test("the emails and clients lists say a first day after the last matches nothing, and swap them", async ({ page }) => {
  await page.goto("/emails?status=all&from=2026-11-10&to=2026-11-01");
  await expect(page.getByRole("status").filter({ hasText: "Drafted from (Nov 10, 2026) is after Drafted to (Nov 1, 2026), so no day lies between them" })).toBeVisible();
  await page.getByRole("link", { name: "Swap the dates" }).click();
  await page.waitForURL(/from=2026-11-01/);
  expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ status: "all", from: "2026-11-01", to: "2026-11-10" });
  await expect(page.getByText("Swap the dates")).toHaveCount(0);

  await page.goto("/clients?outreach=emailed&from=2026-11-10&to=2026-11-01");
  await expect(page.getByRole("status").filter({ hasText: "The first assignment day (Nov 10, 2026) is after the last (Nov 1, 2026)" })).toBeVisible();
  await page.getByRole("link", { name: "Swap the dates" }).click();
  await page.waitForURL(/from=2026-11-01/);
  expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ outreach: "emailed", from: "2026-11-01", to: "2026-11-10" });
});

test.describe("each role's landing page answers what to do now", () => {
  for (const [role, path, heading] of [
    ["stylist", "/today", "Work list"],
    ["marketer", "/overview", "Needs action"],
    ["admin", "/overview", "Needs action"],
  ] as const) {
    test(`${role} lands on ${path}, which leads with ${heading}`, async ({ browser }) => {
      const context = await browser.newContext({ storageState: storageStatePath(role) });
      const page = await context.newPage();
      await page.goto("/");
      await page.waitForURL(`**${path}`);
      await expect(page.getByRole("heading", { name: heading })).toBeVisible();
      await context.close();
    });
  }
});

test("the active clients card says it counts scored clients, as many as the list holds in the four tiers", async ({ page }) => {
  await page.goto("/overview");
  const card = page.getByRole("link", { name: /^Active clients/ });
  const detail = (await card.textContent()) ?? "";
  const scored = Number((/of ([\d,]+) scored, not lapsed/.exec(detail)?.[1] ?? "NaN").replaceAll(",", ""));
  await page.goto("/clients?tier=healthy,watch,at_risk,lapsed");
  await expect(page.getByTestId("client-count")).toContainText("match");
  expect(await clientCount(page)).toBe(scored);
  // The seeded clients without an order keep no score: the card's total leaves them out.
  await page.goto("/clients?tier=unscored");
  expect(await clientCount(page)).toBeGreaterThan(0);
});
