import type { EventRecord } from "@phaser/events-core";
import { RecordTooLargeError } from "./errors/record-too-large-error.js";
import { MAX_RECORD_BYTES } from "./limits.js";

/** A record ready to write: the record and its JSON line. */
export interface Line {
  readonly record: EventRecord;
  readonly json: string;
  readonly bytes: number;
}

/**
 * The line `record` is written as; a {@link RecordTooLargeError} (naming
 * the store's `path` and the record's `index` in its batch) when its JSON is
 * over {@link MAX_RECORD_BYTES}, or too large to build at all.
 */
export function toLine(record: EventRecord, index: number, path: string): Line {
  let json: string;
  try {
    json = JSON.stringify(record);
  } catch (error) {
    if (error instanceof RangeError) {
      throw new RecordTooLargeError(path, index, null, MAX_RECORD_BYTES);
    }
    throw error;
  }
  const bytes = Buffer.byteLength(json);
  if (bytes > MAX_RECORD_BYTES) throw new RecordTooLargeError(path, index, bytes, MAX_RECORD_BYTES);
  return { record, json, bytes };
}
