import { diffLines } from "diff";
import { snapshotWorkspace, type WorkspaceSnapshot } from "./snapshot.js";

/** A file that appeared, changed or disappeared between two snapshots (spec wire names). */
export type FileChange =
  | { readonly kind: "created"; readonly path: string; readonly size_bytes: number }
  | {
      readonly kind: "modified";
      readonly path: string;
      readonly size_bytes: number;
      readonly lines_added: number;
      readonly lines_removed: number;
    }
  | { readonly kind: "deleted"; readonly path: string };

/** Lines added and removed going from `before` to `after`, counted by a line diff. */
export function countLineChanges(
  before: string,
  after: string,
): { lines_added: number; lines_removed: number } {
  let added = 0;
  let removed = 0;
  for (const part of diffLines(before, after)) {
    if (part.added) added += part.count;
    else if (part.removed) removed += part.count;
  }
  return { lines_added: added, lines_removed: removed };
}

/** The changes from `before` to `after`, sorted by path. Files whose content is unchanged are left out. */
export function diffSnapshots(before: WorkspaceSnapshot, after: WorkspaceSnapshot): FileChange[] {
  const changes: FileChange[] = [];
  for (const [path, file] of after) {
    const old = before.get(path);
    if (old === undefined) {
      changes.push({ kind: "created", path, size_bytes: file.size_bytes });
    } else if (old.digest !== file.digest) {
      const lines =
        old.content !== null && file.content !== null
          ? countLineChanges(old.content, file.content)
          : { lines_added: 0, lines_removed: 0 };
      changes.push({ kind: "modified", path, size_bytes: file.size_bytes, ...lines });
    }
  }
  for (const path of before.keys()) {
    if (!after.has(path)) changes.push({ kind: "deleted", path });
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Watches a directory by snapshots: each `collect()` returns what changed since the previous one. */
export interface FileChangeTracker {
  collect(): Promise<FileChange[]>;
}

/** Snapshots `dir` now; later `collect()` calls diff against the latest snapshot. */
export async function trackFileChanges(dir: string): Promise<FileChangeTracker> {
  let last = await snapshotWorkspace(dir);
  return {
    async collect() {
      const next = await snapshotWorkspace(dir, last);
      const changes = diffSnapshots(last, next);
      last = next;
      return changes;
    },
  };
}
