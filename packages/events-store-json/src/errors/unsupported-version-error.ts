import { hasErrorCode, StorageError } from "@phaser/events-core";

export const UNSUPPORTED_VERSION = "UNSUPPORTED_VERSION" as const;

/** The events file was written by a newer version of the format than this code knows. */
export class UnsupportedVersionError extends StorageError<typeof UNSUPPORTED_VERSION> {
  override readonly name = "UnsupportedVersionError";
  override readonly code = UNSUPPORTED_VERSION;
  /** The version found in the file. */
  readonly found: number;
  /** The newest version this code reads. */
  readonly supported: number;

  constructor(path: string, found: number, supported: number) {
    super(
      `Refusing events file ${path}: it has version ${found}, but this version of @phaser/events-store-json reads versions up to ${supported}. Upgrade the package; the file was left untouched.`,
      { path, store: "json" },
    );
    this.found = found;
    this.supported = supported;
  }
}

/** Type guard that also works across two installed copies of this package. */
export function isUnsupportedVersionError(error: unknown): error is UnsupportedVersionError {
  return hasErrorCode(error, UNSUPPORTED_VERSION);
}
