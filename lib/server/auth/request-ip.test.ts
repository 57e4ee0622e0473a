import { describe, expect, it } from "vitest";
import { clientIp } from "./request-ip";

const headers = (values: Record<string, string>) => new Headers(values);

describe("clientIp", () => {
  it("reads the one address our server wrote into X-Forwarded-For (the last entry if there are several)", () => {
    expect(clientIp(headers({ "X-Forwarded-For": "198.51.100.4" }), { kind: "none" })).toBe("198.51.100.4");
    expect(clientIp(headers({ "X-Forwarded-For": "1.2.3.4, ::ffff:198.51.100.4" }), { kind: "none" })).toBe("198.51.100.4");
    expect(clientIp(headers({}), { kind: "none" })).toBe("unknown");
  });

  it("on Vercel reads only the platform's header, never X-Forwarded-For or X-Real-IP", () => {
    const vercel = { kind: "vercel" } as const;
    expect(clientIp(headers({ "X-Vercel-Forwarded-For": "203.0.113.5", "X-Forwarded-For": "1.2.3.4" }), vercel)).toBe("203.0.113.5");
    expect(clientIp(headers({ "X-Forwarded-For": "1.2.3.4", "X-Real-IP": "1.2.3.4" }), vercel)).toBe("unknown");
  });
});
