import { expect, type APIRequestContext, request as playwrightRequest, test } from "@playwright/test";
import { PAGE_ACCESS } from "../test/access-matrix";
import { ACCOUNTS, type DemoRole, storageStatePath } from "./demo-accounts";

type Ids = { id: string; orderId: string; foreignId: string; emailId: string };

/** Real ids to put into dynamic routes: the stylist's own client and order, and a client of another stylist. */
async function findIds(admin: APIRequestContext, stylist: APIRequestContext): Promise<Ids> {
  const own = await (await stylist.get("/clients?sort=orders")).text();
  const id = /href="\/clients\/([0-9a-f-]{36})"/.exec(own)?.[1];
  if (!id) throw new Error("the stylist has no clients");
  const detail = await (await stylist.get(`/clients/${id}`)).text();
  const orderId = /\/orders\/([0-9a-f-]{36})\/edit/.exec(detail)?.[1];
  if (!orderId) throw new Error("the stylist's client has no orders");
  // Another stylist, from the admin's stylist filter, and the first of their clients.
  const list = await (await admin.get("/clients")).text();
  const stylists = [...list.matchAll(/<option[^>]*value="([0-9a-f-]{36})"[^>]*>([^<]+)<\/option>/g)];
  const other = stylists.find((m) => m[2] !== ACCOUNTS.stylist.name)?.[1];
  if (!other) throw new Error(`no other stylist in the filter (${stylists.length} options)`);
  const theirs = await (await admin.get(`/clients?stylist=${other}`)).text();
  const foreignId = /href="\/clients\/([0-9a-f-]{36})"/.exec(theirs)?.[1];
  if (!foreignId) throw new Error("no client of another stylist found");
  // A draft for the stylist's own client, through the streaming draft route (the offline writer answers).
  const drafted = await (await stylist.post("/api/emails/draft", { data: { clientId: id, replace: true } })).text();
  const emailId = /"emailId":"([0-9a-f-]{36})"/.exec(drafted)?.[1];
  if (!emailId) throw new Error(`drafting failed: ${drafted.slice(-300)}`);
  return { id, orderId, foreignId, emailId };
}

const fill = (route: string, ids: Ids) =>
  route.startsWith("/emails/") ? route.replace("[id]", ids.emailId) : route.replace("[id]", ids.id).replace("[orderId]", ids.orderId).replace("[token]", "not-a-real-token");

test("every page answers each role as the access matrix says", async ({ baseURL }) => {
  const contexts = {} as Record<DemoRole | "anonymous", APIRequestContext>;
  for (const role of ["admin", "marketer", "stylist"] as const) contexts[role] = await playwrightRequest.newContext({ baseURL, storageState: storageStatePath(role), maxRedirects: 0 });
  contexts.anonymous = await playwrightRequest.newContext({ baseURL, maxRedirects: 0 });
  const ids = await findIds(contexts.admin, contexts.stylist);

  const failures: string[] = [];
  for (const [route, access] of Object.entries(PAGE_ACCESS)) {
    const url = fill(route, ids);
    for (const [who, ctx] of Object.entries(contexts)) {
      const response = await ctx.get(url);
      const status = response.status();
      const location = response.headers().location ?? "";
      let expected: string;
      if (route === "/") expected = who === "anonymous" ? "redirect to /login" : `redirect to ${who === "stylist" ? "/today" : "/overview"}`; // the home page forwards each role to its landing page
      else if (access === "public") expected = "200";
      else if (who === "anonymous") expected = "redirect to /login";
      else expected = access.includes(who as DemoRole) ? "200" : "403";
      const actual = status >= 300 && status < 400 ? `redirect to ${new URL(location, baseURL).pathname}` : String(status);
      if (actual !== expected && !(access === "public" && who !== "anonymous" && actual === "redirect to /")) failures.push(`${who} GET ${url}: expected ${expected}, got ${actual}`);
    }
  }
  expect(failures).toEqual([]);

  // A stylist guessing another stylist's client id gets a 404, never the data.
  for (const path of [`/clients/${ids.foreignId}`, `/clients/${ids.foreignId}/edit`]) {
    const response = await contexts.stylist.get(path);
    expect(response.status(), path).toBe(404);
    expect(await response.text()).not.toContain(ids.foreignId.slice(0, 8) + "@");
  }
  for (const ctx of Object.values(contexts)) await ctx.dispose();
});
