import { describe, expect, it } from "vitest";
import { apiKeyMatches, apiKeyPrefix, deriveSigningSecret, generateApiKeyToken } from "./tokens";

describe("API key tokens", () => {
  it("generates keys whose prefix can be read back and whose hash matches only the same key", () => {
    const a = generateApiKeyToken();
    const b = generateApiKeyToken();
    expect(apiKeyPrefix(a.token)).toBe(a.prefix);
    expect(a.token).not.toBe(b.token);
    expect(apiKeyMatches(a.token, a.secretHash)).toBe(true);
    expect(apiKeyMatches(b.token, a.secretHash)).toBe(false);
    expect(a.secretHash).not.toContain(a.token.slice(12));
  });

  it("rejects malformed keys", () => {
    expect(apiKeyPrefix("rk_123")).toBeNull();
    expect(apiKeyPrefix(`rk_zzzzzzzz_${"a".repeat(43)}`)).toBeNull();
    expect(apiKeyPrefix(`Bearer rk_12345678_${"a".repeat(43)}`)).toBeNull();
  });

  it("derives a stable signing secret per key and server secret", () => {
    const s1 = deriveSigningSecret("server-secret-one-that-is-long-enough", "key-1");
    expect(deriveSigningSecret("server-secret-one-that-is-long-enough", "key-1")).toBe(s1);
    expect(deriveSigningSecret("server-secret-one-that-is-long-enough", "key-2")).not.toBe(s1);
    expect(deriveSigningSecret("another-server-secret-that-is-long", "key-1")).not.toBe(s1);
    expect(s1).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  });
});
