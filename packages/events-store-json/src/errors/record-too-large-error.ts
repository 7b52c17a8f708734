import { hasErrorCode, StorageError } from "@phaser/events-core";

export const RECORD_TOO_LARGE = "RECORD_TOO_LARGE" as const;

/** One record's JSON is over the store's per-record limit; nothing of its batch was written. */
export class RecordTooLargeError extends StorageError<typeof RECORD_TOO_LARGE> {
  override readonly name = "RecordTooLargeError";
  override readonly code = RECORD_TOO_LARGE;
  /** The record's index in the batch appended. */
  readonly index: number;
  /** Bytes of its JSON; `null` when it was too large to serialize at all. */
  readonly bytes: number | null;
  readonly limit: number;

  constructor(path: string, index: number, bytes: number | null, limit: number) {
    const size = bytes === null ? "too large to serialize" : `${bytes} bytes of JSON`;
    super(
      `Refusing to append to events file ${path}: record ${index} is ${size}, over the limit of ${limit} bytes per record (the file itself has no limit). Nothing was written; trim the record (e.g. its output), or use the PostgreSQL store for large payloads.`,
      { path, store: "json" },
    );
    this.index = index;
    this.bytes = bytes;
    this.limit = limit;
  }
}

/** Type guard that also works across two installed copies of this package. */
export function isRecordTooLargeError(error: unknown): error is RecordTooLargeError {
  return hasErrorCode(error, RECORD_TOO_LARGE);
}
