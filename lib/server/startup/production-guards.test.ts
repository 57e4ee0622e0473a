import { afterEach, describe, expect, it, vi } from "vitest";

// The guard reads the environment as parsed at import: each case imports it afresh.
async function guardWith(appUrl: string | undefined, port?: string) {
  vi.resetModules();
  if (appUrl === undefined) delete process.env.APP_URL;
  else process.env.APP_URL = appUrl;
  if (port === undefined) delete process.env.PORT;
  else process.env.PORT = port;
  return (await import("./production-guards")).assertProductionReady;
}

const original = { APP_URL: process.env.APP_URL, PORT: process.env.PORT };
afterEach(() => {
  for (const [name, value] of Object.entries(original)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  vi.resetModules();
});

describe("the production guards", () => {
  it("refuse to start while APP_URL names this machine: sign-in and unsubscribe links would point there", async () => {
    await expect((await guardWith(undefined))()).rejects.toThrow(/APP_URL is http:\/\/localhost:3000/);
    await expect((await guardWith("http://127.0.0.1:8080"))()).rejects.toThrow(/APP_URL/);
  });

  it("see an unset APP_URL as this machine on the port it serves on, so a local run on another port links to itself", async () => {
    await expect((await guardWith(undefined, "3100"))()).rejects.toThrow(/APP_URL is http:\/\/localhost:3100\./);
    const { env } = await import("@/lib/env");
    expect(env.APP_URL).toBe("http://localhost:3100");
  });

  it("start with a public APP_URL, the secrets set and no account on the demo password", async () => {
    await expect((await guardWith("https://rekindle.example.com"))()).resolves.toBeUndefined();
  });
});
