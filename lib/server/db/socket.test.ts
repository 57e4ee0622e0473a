import net from "node:net";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { connectWithoutDelay } from "./socket";

async function listen(server: net.Server, port = 0): Promise<number> {
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

const close = (server: net.Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe("connectWithoutDelay", () => {
  it("connects to the first host and names it for a TLS upgrade", async () => {
    const server = net.createServer((peer) => peer.end("ok"));
    const port = await listen(server);
    try {
      const socket: net.Socket & { host?: string; port?: number } = connectWithoutDelay({ host: ["127.0.0.1"], port: [port] });
      expect([socket.host, socket.port]).toEqual(["127.0.0.1", port]);
      const reply = await new Promise<string>((resolve) => socket.once("data", (data) => resolve(String(data))));
      expect(reply).toBe("ok");
      socket.destroy();
    } finally {
      await close(server);
    }
  });

  it("leaves a pool usable after the database could not be reached", async () => {
    // A port nothing listens on yet; later, a plain TCP relay to the test database.
    const probe = net.createServer();
    const port = await listen(probe);
    await close(probe);
    const database = new URL(env.DATABASE_URL ?? "");
    const sql = postgres(env.DATABASE_URL ?? "", { host: "127.0.0.1", port, max: 1, connect_timeout: 5, onnotice: () => {}, socket: connectWithoutDelay } as postgres.Options<Record<string, postgres.PostgresType>>);
    const relay = net.createServer((peer) => {
      const upstream = net.connect(Number(database.port), database.hostname);
      peer.pipe(upstream).pipe(peer);
      peer.on("error", () => upstream.destroy());
      upstream.on("error", () => peer.destroy());
    });
    try {
      await expect(sql`select 1 as one`).rejects.toThrow(/ECONNREFUSED/);
      // With its only connection stuck after the failure, this would wait forever.
      await expect(sql`select 1 as one`).rejects.toThrow(/ECONNREFUSED/);
      await listen(relay, port);
      expect(await sql`select 1 as one`).toEqual([{ one: 1 }]);
    } finally {
      await sql.end({ timeout: 1 });
      await close(relay);
    }
  });
});
