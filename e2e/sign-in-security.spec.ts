import { type Browser, expect, test } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD } from "./demo-accounts";
import { LoginPage } from "./pages/login-page";

// Every test here signs in afresh: signing out must not end the saved sessions other specs use.

/** Signs in from `/login?next=…` with or without JavaScript and reports where the browser went. */
async function signInWithNext(browser: Browser, baseURL: string, next: string, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled });
  const requestedHosts = new Set<string>();
  context.on("request", (request) => requestedHosts.add(new URL(request.url()).host));
  // Nothing may leave for another host; answer such a request here so the test never waits on the network.
  await context.route((url) => url.host !== new URL(baseURL).host, (route) => route.fulfill({ status: 200, body: "left the site" }));
  const page = await context.newPage();
  await page.goto(`/login?next=${next}`);
  await new LoginPage(page).signIn(ACCOUNTS.marketer.email, DEMO_PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  const finalUrl = new URL(page.url());
  const signedIn = finalUrl.host === new URL(baseURL).host ? await page.getByTestId("current-user").first().textContent() : null;
  await context.close();
  return { finalUrl, requestedHosts, signedIn };
}

for (const javaScriptEnabled of [true, false]) {
  for (const next of ["/%5Cevil.example/", "/%09/evil.example/", "//evil.example/", "/%5C%5Cevil.example/"]) {
    test(`sign-in ${javaScriptEnabled ? "with" : "without"} JavaScript from next=${next} stays on the site`, async ({ browser, baseURL }) => {
      if (!baseURL) throw new Error("baseURL is not set");
      const { finalUrl, requestedHosts, signedIn } = await signInWithNext(browser, baseURL, next, javaScriptEnabled);
      expect(finalUrl.origin).toBe(new URL(baseURL).origin);
      expect([...requestedHosts]).toEqual([new URL(baseURL).host]);
      expect(signedIn).toBe(ACCOUNTS.marketer.name);
    });
  }
}

test("sign-in honours a same-site next path", async ({ browser, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not set");
  const { finalUrl } = await signInWithNext(browser, baseURL, encodeURIComponent("/import"), true);
  expect(finalUrl.pathname).toBe("/import");
});

test("a session token captured before sign-out no longer works after it", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(ACCOUNTS.marketer.email, DEMO_PASSWORD);
  await expect(page.getByTestId("current-user").first()).toHaveText(ACCOUNTS.marketer.name);
  const captured = await context.cookies();
  expect(captured.some((c) => c.name.includes("session-token"))).toBe(true);

  await page.getByRole("button", { name: "Sign out" }).first().click();
  await page.waitForURL(/\/login/);
  await context.close();

  // Someone who copied the cookie before sign-out replays it.
  const replay = await browser.newContext();
  await replay.addCookies(captured);
  const replayed = await replay.newPage();
  await replayed.goto("/clients");
  await expect(replayed).toHaveURL(/\/login/);
  await expect(replayed.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await replay.close();
});
