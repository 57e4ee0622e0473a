import { expect, type Page } from "@playwright/test";

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1440, height: 960 } as const;

/** The page does not scroll sideways: nothing is wider than the window. */
export async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({ content: document.documentElement.scrollWidth, window: window.innerWidth }));
  expect(widths.content, `content ${widths.content}px wide in a ${widths.window}px window`).toBeLessThanOrEqual(widths.window);
}

/** No element inside `selector` reaches past that element's own right edge (a clipped cell or button). */
export async function expectNothingClipped(page: Page, selector: string) {
  const overflow = await page.locator(selector).first().evaluate((root) => {
    const edge = root.getBoundingClientRect().right + 0.5;
    return [...root.querySelectorAll("*")].filter((el) => el.checkVisibility() && el.getBoundingClientRect().right > edge).map((el) => `${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 30)}"`);
  });
  expect(overflow).toEqual([]);
}
