import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { listProjectFiles } from "./list-files.js";

/** Files larger than this are compared by digest only: no line counts. */
export const MAX_DIFFED_BYTES = 1024 * 1024;

/** One file as a snapshot saw it. */
export interface FileState {
  /** Size in bytes, from `fs.stat`. */
  readonly size_bytes: number;
  readonly mtimeMs: number;
  /** SHA-1 of the bytes: what tells a modified file. */
  readonly digest: string;
  /** The text, for line counts; `null` for a binary file or one over {@link MAX_DIFFED_BYTES}. */
  readonly content: string | null;
}

/** Every project file under a directory, keyed by its `/`-separated relative path, sorted. */
export type WorkspaceSnapshot = ReadonlyMap<string, FileState>;

/**
 * Reads every file of the project in `dir` that `.gitignore` does not
 * exclude. A file whose size and modification time match `previous` is taken
 * from it without reading.
 */
export async function snapshotWorkspace(
  dir: string,
  previous: WorkspaceSnapshot = new Map(),
): Promise<WorkspaceSnapshot> {
  const files = new Map<string, FileState>();
  for (const path of await listProjectFiles(dir)) {
    const state = await readState(join(dir, path), previous.get(path));
    if (state !== undefined) files.set(path, state);
  }
  return files;
}

async function readState(
  path: string,
  before: FileState | undefined,
): Promise<FileState | undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return undefined;
    if (
      before !== undefined &&
      before.size_bytes === info.size &&
      before.mtimeMs === info.mtimeMs
    ) {
      return before;
    }
    const bytes = await readFile(path);
    const digest = createHash("sha1").update(bytes).digest("hex");
    const text =
      bytes.length <= MAX_DIFFED_BYTES && !bytes.includes(0) ? bytes.toString("utf8") : null;
    return { size_bytes: info.size, mtimeMs: info.mtimeMs, digest, content: text };
  } catch {
    return undefined; // listed by git but deleted, or gone since: not in the snapshot
  }
}
