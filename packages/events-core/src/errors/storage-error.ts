export const STORAGE_ERROR = "STORAGE_ERROR" as const;

export interface StorageErrorOptions {
  /** The underlying error (an `fs` error, a driver error…). */
  readonly cause?: unknown;
  /** The file, directory or location the store was working on. */
  readonly path?: string;
  /** Which store raised it, e.g. `json` or `memory`. */
  readonly store?: string;
}

/**
 * A store could not do what was asked: a write failed, a file could not be
 * read or understood. Store packages subclass it with codes of their own;
 * {@link isStorageError} recognises all of them.
 */
export class StorageError extends Error {
  override readonly name: string = "StorageError";
  readonly code: string = STORAGE_ERROR;
  /** Brand shared by every subclass, so the guard works across package copies. */
  readonly isPhaserStorageError = true as const;
  readonly path: string | undefined;
  readonly store: string | undefined;

  constructor(message: string, options: StorageErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.path = options.path;
    this.store = options.store;
  }
}

/** True for a {@link StorageError} or any store's subclass of it. */
export function isStorageError(error: unknown): error is StorageError {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { isPhaserStorageError?: unknown }).isPhaserStorageError === true
  );
}
