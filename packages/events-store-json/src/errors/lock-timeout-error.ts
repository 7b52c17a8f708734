import { hasErrorCode, StorageError } from "@phaser/events-core";

export const LOCK_TIMEOUT = "LOCK_TIMEOUT" as const;

/**
 * A writer waited `lockTimeoutMs` for the write lock, held all that time by a
 * process that is alive (or on another host, which cannot be checked). The
 * lock is never taken from a live holder; nothing was written.
 */
export class LockTimeoutError extends StorageError<typeof LOCK_TIMEOUT> {
  override readonly name = "LockTimeoutError";
  override readonly code = LOCK_TIMEOUT;
  /** The holder named in the lock file, when it could be read. */
  readonly holder: { readonly pid: number; readonly host: string } | null;

  constructor(
    path: string,
    lockPath: string,
    waitedMs: number,
    holder: LockTimeoutError["holder"],
  ) {
    const who = holder ? `process ${holder.pid} on host ${holder.host}` : "an unknown process";
    super(
      `Could not lock events file ${path}: ${lockPath} is held by ${who}, which is still running (waited ${waitedMs} ms). Nothing was written. If that process is stuck, stop it; if you are sure no writer is running, remove the lock with storage.breakLock() or delete ${lockPath}.`,
      { path, store: "json" },
    );
    this.holder = holder;
  }
}

/** Type guard that also works across two installed copies of this package. */
export function isLockTimeoutError(error: unknown): error is LockTimeoutError {
  return hasErrorCode(error, LOCK_TIMEOUT);
}
