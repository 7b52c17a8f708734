import { hasErrorCode } from "./has-error-code.js";

export const STORAGE_ERROR = "STORAGE_ERROR" as const;

export interface StorageErrorOptions {
  /** The underlying error (an `fs` error, a driver error…). */
  readonly cause?: unknown;
  /** The file, directory or location the store was working on. */
  readonly path?: string | undefined;
  /** Which store raised it, e.g. `json` or `memory`. */
  readonly store?: string | undefined;
}

/**
 * A store could not do what was asked: a write failed, a file could not be
 * read or understood. Store packages subclass it with codes of their own;
 * {@link isStorageError} recognises all of them.
 */
export class StorageError<C extends string = string> extends Error {
  override readonly name: string = "StorageError";
  /**
   * `STORAGE_ERROR` for this class; each subclass declares its own literal
   * code (`LOCK_TIMEOUT`, …). As a type, `StorageError` is the whole family.
   */
  readonly code: C = STORAGE_ERROR as C;
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

/**
 * True for a {@link StorageError} or any store's subclass of it, whatever its
 * code: a coded error (see `hasErrorCode`) carrying the family's brand.
 */
export function isStorageError(error: unknown): error is StorageError {
  return (
    hasErrorCode(error) &&
    (error as { isPhaserStorageError?: unknown }).isPhaserStorageError === true
  );
}
