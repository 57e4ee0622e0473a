import { afterEach, describe, expect, it, vi } from "vitest";

// The guard reads the environment as parsed at import: each case imports it afresh.
async function guardWith(appUrl: string | undefined) {
  vi.resetModules();
  if (appUrl === undefined) delete process.env.APP_URL;
  else process.env.APP_URL = appUrl;
  return (await import("./production-guards")).assertProductionReady;
}

const original = process.env.APP_URL;
afterEach(() => {
  if (original === undefined) delete process.env.APP_URL;
  else process.env.APP_URL = original;
  vi.resetModules();
});

describe("the production guards", () => {
  it("refuse to start while APP_URL names this machine: sign-in and unsubscribe links would point there", async () => {
    await expect((await guardWith(undefined))()).rejects.toThrow(/APP_URL is http:\/\/localhost:3000/);
    await expect((await guardWith("http://127.0.0.1:8080"))()).rejects.toThrow(/APP_URL/);
  });

  it("start with a public APP_URL, the secrets set and no account on the demo password", async () => {
    await expect((await guardWith("https://rekindle.example.com"))()).resolves.toBeUndefined();
  });
});
