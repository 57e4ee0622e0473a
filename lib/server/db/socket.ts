import net from "node:net";

/** What postgres.js hands its `socket` factory: the parsed connection options. */
export type SocketTarget = { host: string[]; port: number[]; path?: string | false; connect_timeout?: number };

const DEFAULT_CONNECT_TIMEOUT_S = 30;

/**
 * A TCP connection to the database with Nagle's algorithm off, for postgres.js's `socket` option (it leaves Nagle
 * on). With it on, the message that ends a COPY waits for the server to acknowledge the last data packet: 40 ms of
 * delayed ACK on Linux, paid inside the full rescoring's swap lock. Connects to the first host only (Rekindle names
 * one) and fails after the URL's connect_timeout, as postgres.js would.
 */
export function connectWithoutDelay(target: SocketTarget): Promise<net.Socket> {
  const host = target.host[0] ?? "localhost";
  const port = target.port[0] ?? 5432;
  return new Promise((resolve, reject) => {
    const socket = target.path ? net.connect({ path: target.path, noDelay: true }) : net.connect({ host, port, noDelay: true });
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    const timer = setTimeout(
      () => fail(new Error(`Timed out connecting to the database at ${host}:${port}`)),
      (target.connect_timeout ?? DEFAULT_CONNECT_TIMEOUT_S) * 1000,
    );
    socket.once("error", fail);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.off("error", fail);
      // postgres.js reads these to name the server when it upgrades the connection to TLS.
      Object.assign(socket, { host, port });
      resolve(socket);
    });
  });
}
