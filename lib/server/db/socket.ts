import "server-only";
import net from "node:net";

/** What postgres.js hands its `socket` factory: the parsed connection options. */
type SocketTarget = { host: string[]; port: number[]; path?: string | false };

/**
 * A TCP connection to the database with Nagle's algorithm off, for postgres.js's `socket` option (it leaves Nagle
 * on). With it on, the message that ends a COPY waits for the server to acknowledge the last data packet: 40 ms of
 * delayed ACK on Linux, paid inside the full rescoring's swap lock.
 * Returned before it connects, as postgres.js's own socket is: writes wait for the connection, and postgres.js
 * handles a failed connect (its error and close events) and the connect timeout exactly as for its own socket.
 * Connects to the first host only (Rekindle names one).
 */
export function connectWithoutDelay(target: SocketTarget): net.Socket {
  const host = target.host[0] ?? "localhost";
  const port = target.port[0] ?? 5432;
  const socket = target.path ? net.connect({ path: target.path, noDelay: true }) : net.connect({ host, port, noDelay: true });
  // postgres.js reads these to name the server when it upgrades the connection to TLS.
  return Object.assign(socket, { host, port });
}
