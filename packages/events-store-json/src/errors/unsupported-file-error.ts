import { hasErrorCode, StorageError } from "@phaser/events-core";

export const UNSUPPORTED_FILE = "UNSUPPORTED_FILE" as const;

/**
 * The events path is not a regular file (a FIFO, a device, a socket, a
 * directory) or is a symlink that does not resolve (a loop). Refused at once,
 * before anything is opened for reading or writing, so nothing hangs on it.
 */
export class UnsupportedFileError extends StorageError<typeof UNSUPPORTED_FILE> {
  override readonly name = "UnsupportedFileError";
  override readonly code = UNSUPPORTED_FILE;
  /** What was found there, e.g. `a FIFO`, `a symlink loop`. */
  readonly found: string;

  constructor(path: string, found: string, cause?: unknown) {
    super(
      `Refusing events file ${path}: it is ${found}, not a regular file. Point the store at a regular file (or a symlink to one).`,
      { path, store: "json", cause },
    );
    this.found = found;
  }
}

/** Type guard that also works across two installed copies of this package. */
export function isUnsupportedFileError(error: unknown): error is UnsupportedFileError {
  return hasErrorCode(error, UNSUPPORTED_FILE);
}
