import { join } from "node:path";
import type { IgnoreOptions } from "./ignores.js";
import { listProjectFiles } from "./list-files.js";
import { Pacer } from "./pacer.js";
import { type FileState, readFileState } from "./read-file-state.js";

export { type FileState, HASHED_MAX_BYTES } from "./read-file-state.js";

/**
 * Lines kept per snapshot, in all files (64 MiB of hashes). Files listed
 * after it is spent (in path order) report 0 lines added and removed.
 */
export const SNAPSHOT_MAX_LINES = 8 * 1024 * 1024;

/** Every project file under a directory, keyed by its `/`-separated relative path, sorted. */
export type WorkspaceSnapshot = ReadonlyMap<string, FileState>;

export interface SnapshotOptions {
  /** The plan's `ignore:` and `default_ignores:`. */
  readonly ignore?: IgnoreOptions | undefined;
  /** Rejects with the signal's reason (an `AbortError`) soon after it aborts. */
  readonly signal?: AbortSignal | undefined;
  /** Told about a folder or file that cannot be read; the snapshot goes on without it. */
  readonly onWarning?: ((message: string) => void) | undefined;
}

/**
 * Reads every project file in `dir` (see {@link listProjectFiles}). A file
 * whose stamp matches `previous` is taken from it without reading.
 */
export async function snapshotWorkspace(
  dir: string,
  previous: WorkspaceSnapshot = new Map(),
  options: SnapshotOptions = {},
): Promise<WorkspaceSnapshot> {
  const pacer = new Pacer(options.signal);
  const files = new Map<string, FileState>();
  const context = {
    buffer: Buffer.allocUnsafe(1024 * 1024),
    pacer,
    lines: { left: SNAPSHOT_MAX_LINES },
    onWarning: options.onWarning,
  };
  for (const path of await listProjectFiles(dir, options)) {
    const state = await readFileState(join(dir, path), path, previous.get(path), context);
    if (state !== undefined) files.set(path, state);
    await pacer.step(64);
  }
  return files;
}
