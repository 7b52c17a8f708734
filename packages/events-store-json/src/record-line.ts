import type { EventRecord } from "@phaser/events-core";
import { RecordTooLargeError } from "./errors/record-too-large-error.js";

/** A record ready to write: the record and its JSON line. */
export interface Line {
  readonly record: EventRecord;
  readonly json: string;
  readonly bytes: number;
}

/** What {@link toLine} needs of the store's settings. */
export interface LineLimit {
  readonly path: string;
  /** `MAX_RECORD_BYTES`, but in this package's tests. */
  readonly maxRecordBytes: number;
}

/**
 * The line `record` is written as; a {@link RecordTooLargeError} (naming
 * the store's `path` and the record's `index` in its batch) when its JSON is
 * over the store's `maxRecordBytes`, or too large to build at all.
 */
export function toLine(record: EventRecord, index: number, store: LineLimit): Line {
  const { path, maxRecordBytes } = store;
  let json: string;
  try {
    json = JSON.stringify(record);
  } catch (error) {
    if (error instanceof RangeError) {
      throw new RecordTooLargeError(path, index, null, maxRecordBytes);
    }
    throw error;
  }
  const bytes = Buffer.byteLength(json);
  if (bytes > maxRecordBytes) throw new RecordTooLargeError(path, index, bytes, maxRecordBytes);
  return { record, json, bytes };
}
