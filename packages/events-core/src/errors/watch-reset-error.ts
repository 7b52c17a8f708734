import { hasErrorCode } from "./has-error-code.js";
import { StorageError, type StorageErrorOptions } from "./storage-error.js";

export const WATCH_RESET = "WATCH_RESET" as const;

/**
 * Told to a watch's `onError` when the store was replaced under it: its last
 * position is now below the one the watch had delivered, or (a store that can
 * tell) another record stands at a position the watch read. A store's
 * positions never go back on their own (a clear or a retention cleanup keeps
 * them), nor does another record take one: its file was deleted and made
 * anew, or swapped for another. The watch then follows the new store from its first position:
 * positions after this error may repeat ones delivered before it.
 */
export class WatchResetError extends StorageError<typeof WATCH_RESET> {
  override readonly name = "WatchResetError";
  override readonly code = WATCH_RESET;
  /** The last position the watch had delivered (or started after). */
  readonly afterSeq: number;
  /** The new store's last position (below `afterSeq` when its positions went back). */
  readonly end: number;

  constructor(afterSeq: number, end: number, options: StorageErrorOptions = {}) {
    super(
      `The store was replaced (its file deleted or swapped): the watch was at position ${afterSeq}, the new store's last is ${end}; it follows the new one from its start`,
      options,
    );
    this.afterSeq = afterSeq;
    this.end = end;
  }
}

/** Type guard that also works across two installed copies of core. */
export function isWatchResetError(error: unknown): error is WatchResetError {
  return hasErrorCode(error, WATCH_RESET);
}
