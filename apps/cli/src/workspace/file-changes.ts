import { cliIo } from "../io/cli-io.js";
import { countLineChanges } from "./count-lines.js";
import type { IgnoreOptions } from "./ignores.js";
import { Pacer } from "./pacer.js";
import { snapshotWorkspace, type WorkspaceSnapshot } from "./snapshot.js";

export { countLineChanges } from "./count-lines.js";

/** A file that appeared, changed or disappeared between two snapshots (spec wire names). */
export type FileChange =
  | { readonly kind: "created"; readonly path: string; readonly size_bytes: number }
  | {
      readonly kind: "modified";
      readonly path: string;
      readonly size_bytes: number;
      /** 0 and 0 when either version is binary, over the line-count bounds, or not hashed. */
      readonly lines_added: number;
      readonly lines_removed: number;
    }
  | { readonly kind: "deleted"; readonly path: string };

/**
 * The changes from `before` to `after`, sorted by path. Files whose content
 * is unchanged are left out. Rejects with the signal's reason (an
 * `AbortError`) soon after `signal` aborts, even in the middle of a big diff.
 */
export async function diffSnapshots(
  before: WorkspaceSnapshot,
  after: WorkspaceSnapshot,
  signal?: AbortSignal,
): Promise<FileChange[]> {
  const pacer = new Pacer(signal);
  const changes: FileChange[] = [];
  for (const [path, file] of after) {
    const old = before.get(path);
    if (old === undefined) {
      changes.push({ kind: "created", path, size_bytes: file.size_bytes });
    } else if (old.digest !== file.digest) {
      const lines =
        old.lines !== null && file.lines !== null
          ? await countLineChanges(old.lines, file.lines, { signal })
          : { lines_added: 0, lines_removed: 0 };
      changes.push({ kind: "modified", path, size_bytes: file.size_bytes, ...lines });
    }
    await pacer.step(16);
  }
  for (const path of before.keys()) {
    if (!after.has(path)) changes.push({ kind: "deleted", path });
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export interface TrackOptions {
  /** The plan's `ignore:` and `default_ignores:` (see `DEFAULT_IGNORES`). */
  readonly ignore?: IgnoreOptions | undefined;
  /**
   * Aborts the first snapshot, and every `collect()` not given its own
   * signal: they reject with the signal's reason (an `AbortError` unless the
   * caller gave another) within milliseconds, whatever they are doing
   * (listing, hashing, diffing).
   */
  readonly signal?: AbortSignal | undefined;
  /**
   * Told, once per tracker and message, about what could not be read (a
   * folder, a file, a `.gitignore`); the tracking goes on without it. By
   * default a line on stderr, once per process.
   */
  readonly onWarning?: ((message: string) => void) | undefined;
  /**
   * A snapshot of the same folder to take unchanged files from (same size,
   * times and inode) instead of reading them again: the `latest` of the
   * previous phase's tracker, so a phase start does not hash the project anew.
   */
  readonly baseline?: WorkspaceSnapshot | undefined;
}

/** Watches a directory by snapshots: each `collect()` returns what changed since the previous one. */
export interface FileChangeTracker {
  /** The changes since the last snapshot, which this one replaces (only once it resolves). */
  collect(options?: { signal?: AbortSignal | undefined }): Promise<FileChange[]>;
  /** The last snapshot taken: a later tracker's `baseline`. */
  readonly latest: WorkspaceSnapshot;
}

/** Snapshots `dir` now; later `collect()` calls diff against the latest snapshot. */
export async function trackFileChanges(
  dir: string,
  options: TrackOptions = {},
): Promise<FileChangeTracker> {
  const warned = new Set<string>();
  const report = options.onWarning ?? printWarning;
  const onWarning = (message: string) => {
    if (warned.has(message)) return;
    warned.add(message);
    report(message);
  };
  const snapshot = (previous: WorkspaceSnapshot, signal: AbortSignal | undefined) =>
    snapshotWorkspace(dir, previous, { ignore: options.ignore, signal, onWarning });
  let last = await snapshot(options.baseline ?? new Map(), options.signal);
  return {
    get latest() {
      return last;
    },
    async collect(collectOptions = {}) {
      const signal = collectOptions.signal ?? options.signal;
      const next = await snapshot(last, signal);
      const changes = await diffSnapshots(last, next, signal);
      last = next;
      return changes;
    },
  };
}

const printed = new Set<string>();

/**
 * `phaser-events: warning: …` on stderr, once per message for the process
 * (each phase has its own tracker), with control characters (a file name's
 * too) shown escaped.
 */
function printWarning(message: string): void {
  if (printed.has(message)) return;
  printed.add(message);
  // \p{Cc}: C0, DEL and C1, so no escape sequence (ESC, CSI) reaches the terminal.
  const safe = message.replace(
    /\p{Cc}/gu,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
  cliIo().stderr.write(`phaser-events: warning: ${safe}\n`);
}
