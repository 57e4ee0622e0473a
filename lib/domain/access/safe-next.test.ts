import { describe, expect, it } from "vitest";
import { afterSignInPath, DEFAULT_AFTER_SIGN_IN, sameOriginPath, sameOriginRedirect } from "./safe-next";

describe("sameOriginPath", () => {
  it.each([
    ["/clients", "/clients"],
    ["/clients?sort=orders&after=5#top", "/clients?sort=orders&after=5#top"],
    ["/clients/../import", "/import"],
    ["/settings/api-keys", "/settings/api-keys"],
    ["/search?q=a%20b", "/search?q=a%20b"],
  ])("accepts the same-site path %s as %s", (input, expected) => {
    expect(sameOriginPath(input)).toBe(expected);
  });

  it.each([
    ["a backslash (what /login?next=/%5Cevil.example/ arrives as)", "/\\evil.example/"],
    ["a leading backslash", "\\\\evil.example"],
    ["a tab (next=/%09/evil.example/)", "/\t/evil.example/"],
    ["a newline", "/\n/evil.example/"],
    ["a carriage return", "/\r/evil.example/"],
    ["a NUL", "/\u0000/evil.example"],
    ["a leading double slash", "//evil.example/"],
    ["a triple slash", "///evil.example/"],
    ["an encoded backslash", "/%5Cevil.example/"],
    ["a lower-case encoded backslash", "/%5cevil.example/"],
    ["a doubly encoded backslash", "/%255Cevil.example/"],
    ["an encoded tab", "/%09/evil.example/"],
    ["an encoded second slash", "/%2Fevil.example/"],
    ["a doubly encoded second slash", "/%252Fevil.example/"],
    ["an absolute URL", "https://evil.example/"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path", "clients"],
    ["an empty string", ""],
    ["a backslash later in the path", "/clients\\..\\..\\evil"],
  ])("refuses %s", (_label, input) => {
    expect(sameOriginPath(input)).toBeNull();
  });

  it("refuses anything that is not a string", () => {
    expect(sameOriginPath(null)).toBeNull();
    expect(sameOriginPath(undefined)).toBeNull();
    expect(sameOriginPath(["/clients"])).toBeNull();
  });

  it("falls back to the default page", () => {
    expect(afterSignInPath("/\\evil.example/")).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(afterSignInPath("/import")).toBe("/import");
  });
});

describe("sameOriginRedirect", () => {
  const origin = "https://app.rekindle.test";
  it("keeps same-origin paths and URLs, as absolute URLs", () => {
    expect(sameOriginRedirect("/import", origin)).toBe(`${origin}/import`);
    expect(sameOriginRedirect(`${origin}/settings?tab=1`, origin)).toBe(`${origin}/settings?tab=1`);
  });
  it.each(["https://evil.example/", "/\\evil.example/", "/\t/evil.example/", `${origin}//evil.example/`, `${origin}/\\evil.example/`, "not a url"])("sends %s to the default page", (url) => {
    expect(sameOriginRedirect(url, origin)).toBe(`${origin}${DEFAULT_AFTER_SIGN_IN}`);
  });
});
