import type { Page } from "@playwright/test";
import { PAGE_ACCESS } from "../../test/access-matrix";
import type { DemoRole } from "../demo-accounts";

/** Real ids for a role's dynamic routes: the first client it sees (the one with most orders) and that client's first order. */
export async function idsFor(page: Page): Promise<{ id: string; orderId: string }> {
  await page.goto("/clients?sort=orders");
  const id = /\/clients\/([0-9a-f-]{36})/.exec((await page.locator("tbody a").first().getAttribute("href")) ?? "")?.[1];
  if (!id) throw new Error("no client in the list");
  await page.goto(`/clients/${id}`);
  const orderId = /\/orders\/([0-9a-f-]{36})\/edit/.exec((await page.locator('a[href*="/orders/"]').first().getAttribute("href")) ?? "")?.[1];
  if (!orderId) throw new Error("the client has no orders");
  return { id, orderId };
}

/** Every page the access matrix lets this role open (or the public ones, signed out), with its ids filled in. */
export function pagesFor(role: DemoRole | "anonymous", ids: { id: string; orderId: string } | null): string[] {
  return Object.entries(PAGE_ACCESS)
    .filter(([route, access]) => route !== "/" && (role === "anonymous" ? access === "public" : access !== "public" && access.includes(role)))
    .map(([route]) => (ids ? route.replace("[id]", ids.id).replace("[orderId]", ids.orderId) : route));
}
