import { hasErrorCode } from "./has-error-code.js";
import { StorageError, type StorageErrorOptions } from "./storage-error.js";

export const WATCH_GAP = "WATCH_GAP" as const;

/**
 * Told to a watch's `onError` when records after its position were removed
 * (by a clear or by retention) before the watch read them: it cannot deliver
 * them, and says how many it missed instead of skipping them silently.
 */
export class WatchGapError extends StorageError<typeof WATCH_GAP> {
  override readonly name = "WatchGapError";
  override readonly code = WATCH_GAP;
  /** How many positions after `afterSeq` were removed before the watch read them. */
  readonly missed: number;
  /** The last position the watch had delivered (or started after). */
  readonly afterSeq: number;

  constructor(missed: number, afterSeq: number, options: StorageErrorOptions = {}) {
    super(
      `The watch missed ${missed} record(s) after position ${afterSeq}: they were removed (cleared or expired by retention) before it read them`,
      options,
    );
    this.missed = missed;
    this.afterSeq = afterSeq;
  }
}

/** Type guard that also works across two installed copies of core. */
export function isWatchGapError(error: unknown): error is WatchGapError {
  return hasErrorCode(error, WATCH_GAP);
}
