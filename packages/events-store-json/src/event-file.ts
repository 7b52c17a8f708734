import { type EventRecord, parseEventRecord } from "@phaser/events-core";
import { stringifyAnyDepth } from "./stringify-deep.js";

/** One element of the file's `events` array: a valid record, or a value kept as it was found. */
export class Entry {
  #json: string | undefined;

  constructor(
    /** The record, when the element is a valid event record (any type, known or not). */
    readonly record: EventRecord | undefined,
    /** The element as parsed from the file (for malformed elements: what is written back). */
    readonly value: unknown,
    /** Why the element is not a usable record. */
    readonly problem?: string,
  ) {}

  /** Its serialized form: computed on the first write that needs it, then reused by every later one. */
  get json(): string {
    if (this.#json === undefined) {
      // A malformed element is written back exactly, however deep it nests.
      this.#json =
        this.record !== undefined ? JSON.stringify(this.record) : stringifyAnyDepth(this.value);
    }
    return this.#json;
  }
}

/** The file's contents, understood: its version, extra root fields and elements in file order. */
export interface EventDocument {
  readonly version: number;
  /** Root fields other than `version` and `events`, kept and written back as found. */
  readonly extras: Readonly<Record<string, unknown>>;
  entries: Entry[];
}

/** An entry for a record the store accepted (already validated and frozen). */
export function recordEntry(record: EventRecord): Entry {
  return new Entry(record, record);
}

/**
 * Classifies one element of a file's `events` array. The element is a fresh
 * `JSON.parse` result owned by the store, so core adopts it instead of copying.
 */
export function readEntry(value: unknown, index: number): Entry {
  try {
    const record = parseEventRecord(value, {
      allowUnknownType: true,
      adopt: true,
      context: `record ${index}`,
    });
    return new Entry(record, value);
  } catch (error) {
    return new Entry(undefined, value, (error as Error).message);
  }
}
