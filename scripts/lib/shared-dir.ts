// Where the project's shared/ folder is: beside the repository (../shared) unless SHARED_DIR says otherwise,
// as in a git worktree that sits deeper than a clone.
import path from "node:path";

const SHARED_DIR = path.resolve(process.env.SHARED_DIR ?? "../shared");
export const CDNOW_DIR = path.join(SHARED_DIR, "datasets", "cdnow");
