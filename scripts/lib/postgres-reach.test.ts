import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { assertPostgresCanReach, canEnter, firstBlockedFolder } from "./postgres-reach";

const STRANGER = { uid: 424242, gids: [424242] };
let made: string[] = [];
afterEach(() => {
  for (const dir of made) {
    fs.chmodSync(dir, 0o755);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  made = [];
});

function folder(mode: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reach-"));
  fs.mkdirSync(path.join(dir, "checkout", ".data"), { recursive: true });
  fs.chmodSync(dir, mode);
  made.push(dir);
  return dir;
}

describe("whether the postgres user can reach a folder", () => {
  it("reads the owner's, the group's, then everyone's search bit", () => {
    expect(canEnter({ mode: 0o700, uid: 1, gid: 1 }, { uid: 1, gids: [] })).toBe(true);
    expect(canEnter({ mode: 0o700, uid: 0, gid: 0 }, STRANGER)).toBe(false);
    expect(canEnter({ mode: 0o750, uid: 0, gid: 7 }, { uid: 5, gids: [7] })).toBe(true);
    expect(canEnter({ mode: 0o711, uid: 0, gid: 0 }, STRANGER)).toBe(true);
  });

  it("names the first folder on the way that a mode-700 home shuts", () => {
    const home = folder(0o700);
    const data = path.join(home, "checkout", ".data", "postgres");
    expect(firstBlockedFolder(data, STRANGER)).toBe(home);
    expect(() => assertPostgresCanReach([data], STRANGER)).toThrow(
      `The embedded PostgreSQL runs as the "postgres" user when started by root, and that user cannot enter ${home}: run as a normal user, keep the checkout and REKINDLE_DATA_DIR in folders others can enter (e.g. under /srv), or set DATABASE_URL to a PostgreSQL server.`,
    );
  });

  it("lets a folder others may pass through, including a data folder not made yet", () => {
    const open = folder(0o711);
    expect(firstBlockedFolder(path.join(open, "checkout", ".data", "not-yet", "postgres"), STRANGER)).toBeNull();
    expect(() => assertPostgresCanReach([path.join(open, "checkout")], STRANGER)).not.toThrow();
  });
});
