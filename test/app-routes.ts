import fs from "node:fs";
import path from "node:path";

const APP = path.join(process.cwd(), "app");

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/** "app/(app)/clients/[id]/page.tsx" → "/clients/[id]": route groups do not appear in URLs. */
function toRoute(file: string): string {
  const parts = path.relative(APP, path.dirname(file)).split(path.sep).filter((p) => p && !/^\(.*\)$/.test(p));
  return `/${parts.join("/")}`;
}

const files = walk(APP);
export const pageRoutes = () => files.filter((f) => /\/page\.tsx?$/.test(f)).map(toRoute).sort();
export const handlerRoutes = () => files.filter((f) => /\/route\.ts$/.test(f)).map(toRoute).sort();
/** Every file that declares server actions, relative to app/. */
export const actionFiles = () => files.filter((f) => /^\s*["']use server["']/m.test(fs.readFileSync(f, "utf8"))).map((f) => path.relative(APP, f)).sort();
