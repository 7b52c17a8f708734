import { emitFileCreated, emitFileDeleted, emitFileModified } from "@phaser/events-convenience";
import type { EventEmitter } from "@phaser/events-core";
import type { FileChange } from "../workspace/file-changes.js";

/** Files created, modified and deleted, as `phase_completed` and `audit_completed` count them. */
export interface FileCounts {
  created: number;
  modified: number;
  deleted: number;
}

export function zeroFileCounts(): FileCounts {
  return { created: 0, modified: 0, deleted: 0 };
}

/** Emits one `file_*` event per change, in order, and adds them to `counts`. */
export async function emitFileChanges(
  emitter: EventEmitter,
  auditId: string,
  phase: number,
  changes: readonly FileChange[],
  counts: FileCounts,
): Promise<void> {
  for (const change of changes) {
    switch (change.kind) {
      case "created":
        await emitFileCreated(emitter, auditId, phase, {
          path: change.path,
          size_bytes: change.size_bytes,
        });
        break;
      case "modified":
        await emitFileModified(emitter, auditId, phase, {
          path: change.path,
          size_bytes: change.size_bytes,
          lines_added: change.lines_added,
          lines_removed: change.lines_removed,
        });
        break;
      case "deleted":
        await emitFileDeleted(emitter, auditId, phase, { path: change.path });
        break;
    }
    counts[change.kind]++;
  }
}
