import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";

/** One file as a snapshot saw it. */
export interface FileState {
  /** Size in bytes, from `fs.stat`. */
  readonly size_bytes: number;
  /** Content, read as UTF-8 (the demo only writes text). */
  readonly content: string;
}

/** Every file under a directory, keyed by its `/`-separated path relative to that directory. */
export type WorkspaceSnapshot = ReadonlyMap<string, FileState>;

/** Folders a snapshot never looks into. */
const IGNORED = new Set([".git", "node_modules"]);

/** Reads every file under `dir` (skipping `.git` and `node_modules`), sorted by path. */
export async function snapshotWorkspace(dir: string): Promise<WorkspaceSnapshot> {
  const files = new Map<string, FileState>();
  await walk(dir, "", files);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function walk(root: string, prefix: string, files: Map<string, FileState>): Promise<void> {
  const entries = await readdir(join(root, prefix), { withFileTypes: true });
  for (const entry of entries) {
    const relative = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!IGNORED.has(entry.name)) await walk(root, relative, files);
    } else if (entry.isFile()) {
      const path = join(root, relative);
      const [info, content] = await Promise.all([stat(path), readFile(path, "utf8")]);
      files.set(relative, { size_bytes: info.size, content });
    }
  }
}
