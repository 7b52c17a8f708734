import { hasErrorCode, StorageError } from "@phaser/events-core";

export const CORRUPT_STORE = "CORRUPT_STORE" as const;

/**
 * The events file cannot be understood: invalid or truncated JSON, or a root of
 * the wrong shape. The store refuses it and never writes to it.
 */
export class CorruptStoreError extends StorageError<typeof CORRUPT_STORE> {
  override readonly name = "CorruptStoreError";
  override readonly code = CORRUPT_STORE;
  /** What was wrong, e.g. `invalid JSON: Unexpected end of JSON input`. */
  readonly reason: string;

  constructor(path: string, reason: string, cause?: unknown) {
    super(`Refusing events file ${path}: ${reason}. The file was left untouched.`, {
      path,
      store: "json",
      cause,
    });
    this.reason = reason;
  }
}

/** Type guard that also works across two installed copies of this package. */
export function isCorruptStoreError(error: unknown): error is CorruptStoreError {
  return hasErrorCode(error, CORRUPT_STORE);
}
