import type { EventRecord } from "@phaser/events-core";
import { checkRecord } from "@phaser/events-core/store-kit";

/**
 * One element of the file's `events` array: where its bytes are, its
 * position, and the record when it is a valid one (any type, known or not).
 * A rewrite copies the bytes `start`..`end` of the file as they are, so
 * malformed records, numbers JavaScript cannot hold and invalid UTF-8 survive.
 */
export class Entry {
  constructor(
    readonly record: EventRecord | undefined,
    /** Byte offsets of the element's JSON in the file. */
    readonly start: number,
    readonly end: number,
    public seq: number,
    /** Why the element is not a usable record. */
    readonly problem?: string,
    /** The parsed element, kept only while a migration may need it. */
    readonly value?: unknown,
  ) {}
}

/**
 * Classifies one parsed element. The value is a fresh `JSON.parse` result
 * owned by the store, so core adopts it instead of copying.
 */
export function classify(
  value: unknown,
  index: number,
): { record?: EventRecord; problem?: string } {
  try {
    return { record: checkRecord(value, "stored", `record ${index}`) };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}
