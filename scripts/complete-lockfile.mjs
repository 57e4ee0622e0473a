#!/usr/bin/env node
// The npm registry this team reaches serves only some platforms' prebuilt binaries, so `npm install`
// writes a package-lock.json without entries for the others (darwin, win32, …) and `npm ci` then
// refuses the lockfile as out of sync. This adds the missing optional platform packages as entries
// restricted to their os/cpu, which npm ci records and skips on any other platform.
// Run after `npm install` changes the lockfile: `node scripts/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from "node:fs";

const lockPath = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
const packages = lock.packages;

const OS_TOKENS = ["darwin", "win32", "linux", "freebsd", "android", "openharmony", "sunos", "aix", "netbsd", "openbsd"];
const CPU_TOKENS = { arm64: "arm64", x64: "x64", ia32: "ia32", arm: "arm", loong64: "loong64", ppc64: "ppc64", riscv64: "riscv64", s390x: "s390x", wasm32: "wasm32" };

function platformOf(name) {
  const tokens = name.split("/").pop().split("-");
  const os = OS_TOKENS.find((token) => tokens.includes(token));
  const cpuToken = Object.keys(CPU_TOKENS).find((token) => tokens.includes(token));
  const libc = tokens.includes("musl") || tokens.includes("musleabihf") ? "musl" : tokens.includes("gnu") || tokens.includes("gnueabihf") ? "glibc" : undefined;
  return { os, cpu: cpuToken && CPU_TOKENS[cpuToken], libc };
}

function isResolvable(parentPath, name) {
  // Walk up the node_modules nesting the way Node's resolver does.
  let base = parentPath;
  for (;;) {
    if (packages[`${base ? `${base}/` : ""}node_modules/${name}`]) return true;
    if (!base) return false;
    const index = base.lastIndexOf("/node_modules/");
    base = index === -1 ? "" : base.slice(0, index);
  }
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    if (isResolvable(path, name)) continue;
    const { os, cpu, libc } = platformOf(name);
    if (!os && cpu !== "wasm32") continue; // not a platform binary: leave it to npm
    packages[`node_modules/${name}`] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(os ? { os: [os] } : {}),
      ...(libc ? { libc: [libc] } : {}),
    };
    added += 1;
  }
}

lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform entr${added === 1 ? "y" : "ies"}`);
