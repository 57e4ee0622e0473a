import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import type { ProxyTrust } from "@/lib/domain/access/client-address";
import { checkCredentials } from "@/lib/server/auth/credentials";
import { hashPassword } from "@/lib/server/auth/passwords";
import { clientIp } from "@/lib/server/auth/request-ip";
import { MAX_FAILURES_PER_IP } from "@/lib/server/auth/throttle";
import { db } from "@/lib/server/db/client";
import { users } from "@/lib/server/db/schema";
import { appRequestListener } from "./request-listener";

/** A stand-in for Next.js's sign-in: the password check as Auth.js's authorize() runs it, with the address it would see. */
async function signInHandler(req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const ip = clientIp((name) => {
    const value = req.headers[name];
    return typeof value === "string" ? value : null;
  });
  const result = await checkCredentials(db, JSON.parse(Buffer.concat(chunks).toString("utf8")), ip);
  res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ ip, ok: result.ok, reason: result.ok ? null : result.reason }));
}

const servers: http.Server[] = [];
afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

async function startApp(trusted: ProxyTrust) {
  const server = http.createServer(appRequestListener(signInHandler, trusted));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return async (email: string, password: string, forwardedFor: string) => {
    const response = await fetch(`${base}/api/auth/callback/credentials`, { method: "POST", headers: { "X-Forwarded-For": forwardedFor, "X-Real-IP": forwardedFor }, body: JSON.stringify({ email, password }) });
    return (await response.json()) as { ip: string; ok: boolean; reason: string | null };
  };
}

describe("the caller's address behind `npm start`", () => {
  it(`a client that changes X-Forwarded-For is still throttled after ${MAX_FAILURES_PER_IP} failures from its connection`, async () => {
    await db.insert(users).values({ name: "Pat", email: "pat@rekindle.test", role: "stylist", passwordHash: await hashPassword("correct horse battery") });
    const signIn = await startApp({ kind: "none" });
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      const answer = await signIn(`sprayed${i}@rekindle.test`, "Winter2026!", `203.0.113.${i}`);
      expect(answer).toMatchObject({ ip: "127.0.0.1", ok: false, reason: "invalid" });
    }
    expect(await signIn("pat@rekindle.test", "correct horse battery", "198.51.100.77")).toEqual({ ip: "127.0.0.1", ok: false, reason: "throttled" });
  });

  it("believes X-Forwarded-For only from a configured proxy, and only the entry that proxy added", async () => {
    const behindProxy = await startApp({ kind: "proxies", addresses: ["127.0.0.1"] });
    expect((await behindProxy("nobody@rekindle.test", "guess guess", "1.2.3.4, 203.0.113.9")).ip).toBe("203.0.113.9");
    const elsewhere = await startApp({ kind: "proxies", addresses: ["10.0.0.2"] });
    expect((await elsewhere("nobody@rekindle.test", "guess guess", "203.0.113.9")).ip).toBe("127.0.0.1");
  });
});
