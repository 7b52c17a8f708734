import { hasErrorCode, StorageError } from "@phaser/events-core";

export const LOCK_LOST = "LOCK_LOST" as const;

/**
 * The writer found, just before writing, that the lock file is no longer its
 * own (someone removed or replaced it). It wrote nothing.
 */
export class LockLostError extends StorageError<typeof LOCK_LOST> {
  override readonly name = "LockLostError";
  override readonly code = LOCK_LOST;

  constructor(path: string, lockPath: string) {
    super(
      `The write lock on events file ${path} (${lockPath}) was removed or replaced by another process before this write; nothing was written.`,
      { path, store: "json" },
    );
  }
}

/** Type guard that also works across two installed copies of this package. */
export function isLockLostError(error: unknown): error is LockLostError {
  return hasErrorCode(error, LOCK_LOST);
}
