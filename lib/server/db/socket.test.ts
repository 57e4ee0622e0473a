import net from "node:net";
import { describe, expect, it } from "vitest";
import { connectWithoutDelay } from "./socket";

async function listening(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("connectWithoutDelay", () => {
  it("hands postgres.js a connected socket that names its server", async () => {
    const server = net.createServer((peer) => peer.end("ok"));
    const port = await listening(server);
    try {
      const socket: net.Socket & { host?: string; port?: number } = await connectWithoutDelay({ host: ["127.0.0.1"], port: [port] });
      expect([socket.host, socket.port]).toEqual(["127.0.0.1", port]);
      const reply = await new Promise<string>((resolve) => socket.once("data", (data) => resolve(String(data))));
      expect(reply).toBe("ok");
      socket.destroy();
    } finally {
      server.close();
    }
  });

  it("fails with the connection's error when nothing listens", async () => {
    const server = net.createServer();
    const port = await listening(server);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await expect(connectWithoutDelay({ host: ["127.0.0.1"], port: [port], connect_timeout: 5 })).rejects.toThrow(/ECONNREFUSED/);
  });
});
