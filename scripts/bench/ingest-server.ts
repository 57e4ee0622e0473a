/**
 * The production build on loopback for `npm run bench:ingest`: builds when the build is missing or older
 * than the sources, then starts it the way scripts/e2e-server.sh does, on its own data dir and port.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const SOURCE_DIRS = ["app", "lib", "components", "next.config.ts"];

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return /\.test\.ts$/.test(entry) ? 0 : stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

/** Builds unless the build is newer than every source file. SKIP_BUILD=1 uses whatever build there is. */
export function ensureBuild() {
  const buildId = path.join(".next", "BUILD_ID");
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  if (builtAt && process.env.SKIP_BUILD === "1") return console.log("▲ Using the existing production build (SKIP_BUILD=1)");
  if (builtAt > Math.max(...SOURCE_DIRS.map(newestMtime))) return console.log("▲ Using the existing production build");
  console.log("▲ Building (npx next build)…");
  const result = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("next build failed");
}

type BenchServer = { url: string; databaseUrl: string; authSecret: string; pid: number; stop: () => Promise<void> };

/**
 * CPU seconds used so far by a process and all its descendants (Next.js, Postgres and its backends),
 * read from /proc. Other work on the machine does not count, so per-delivery costs stay comparable.
 */
export function treeCpuSeconds(rootPid: number): { total: number; postgres: number } {
  const stats = fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .flatMap((pid) => {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.replace(/^.*\) /, "").split(" ");
        return [{ pid: Number(pid), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), postgres: stat.includes("(postgres)") }];
      } catch {
        return []; // exited meanwhile
      }
    });
  const children = new Map<number, number[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s.pid]);
  const inTree = new Set<number>();
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop() ?? 0;
    if (inTree.has(pid)) continue;
    inTree.add(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  const tree = stats.filter((s) => inTree.has(s.pid));
  return { total: tree.reduce((n, s) => n + s.ticks, 0) / 100, postgres: tree.filter((s) => s.postgres).reduce((n, s) => n + s.ticks, 0) / 100 };
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("The server did not become healthy in time");
}

export async function startServer({ dataDir, port, pgPort, env }: { dataDir: string; port: number; pgPort: number; env: Record<string, string> }): Promise<BenchServer> {
  fs.rmSync(dataDir, { recursive: true, force: true });
  const child = spawn(path.join("node_modules", ".bin", "tsx"), ["--conditions=react-server", "scripts/run.ts", "start"], {
    env: { ...process.env, ...env, REKINDLE_DATA_DIR: dataDir, PORT: String(port), PGPORT: String(pgPort), NODE_ENV: "production", DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const log: string[] = [];
  child.stdout?.on("data", (d: Buffer) => log.push(d.toString()));
  child.stderr?.on("data", (d: Buffer) => log.push(d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM"); // run.ts stops Next.js, then the embedded Postgres
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 30_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForHealth(url, child);
  } catch (error) {
    console.error(log.join("").slice(-4000));
    await stop();
    throw error;
  }
  const authSecret = fs.readFileSync(path.join(dataDir, "auth-secret"), "utf8").trim();
  // The embedded Postgres takes another port when the preferred one is busy; run.ts says which.
  const actualPort = /Embedded PostgreSQL on port (\d+)/.exec(log.join(""))?.[1] ?? String(pgPort);
  return { url, databaseUrl: `postgres://rekindle:rekindle@127.0.0.1:${actualPort}/rekindle`, authSecret, pid: child.pid ?? 0, stop };
}
