import type { EventRecord } from "./record.js";
import { strictTimestampKey } from "./timestamp.js";

/**
 * Records in instant order (ties in insertion order), with the instant of each
 * (see `strictTimestampKey`) in a parallel array: no object per record, and time
 * bounds are binary searches over plain numbers.
 */
export class Run {
  keys: number[] = [];
  records: EventRecord[] = [];
  /** Per audit: its first `audit_started` and its latest ending, kept as records arrive. */
  started: EventRecord | undefined;
  ended: EventRecord | undefined;

  get length(): number {
    return this.keys.length;
  }

  /** Adds after every record whose instant is <= `key`. */
  add(key: number, record: EventRecord): void {
    const last = this.keys.length - 1;
    if (last < 0 || (this.keys[last] as number) <= key) {
      this.keys.push(key);
      this.records.push(record);
    } else {
      const at = upperBound(this.keys, key);
      this.keys.splice(at, 0, key);
      this.records.splice(at, 0, record);
    }
    if (record.type === "audit_started") {
      if (this.started === undefined || key < strictTimestampKey(this.started.timestamp)) {
        this.started = record;
      }
    } else if (record.type === "audit_completed" || record.type === "audit_abandoned") {
      if (this.ended === undefined || key >= strictTimestampKey(this.ended.timestamp)) {
        this.ended = record;
      }
    }
  }

  /** Removes the first `count` records and returns them. */
  shift(count: number): EventRecord[] {
    this.keys.splice(0, count);
    const removed = this.records.splice(0, count);
    if (removed.length > 0) this.#resummarize();
    return removed;
  }

  /** Keeps only the records `keep` accepts. */
  filter(keep: (record: EventRecord) => boolean): void {
    const keys: number[] = [];
    const records: EventRecord[] = [];
    for (let i = 0; i < this.records.length; i++) {
      const record = this.records[i] as EventRecord;
      if (keep(record)) {
        keys.push(this.keys[i] as number);
        records.push(record);
      }
    }
    this.keys = keys;
    this.records = records;
    this.#resummarize();
  }

  #resummarize(): void {
    this.started = undefined;
    this.ended = undefined;
    for (const record of this.records) {
      if (record.type === "audit_started") this.started ??= record;
      else if (record.type === "audit_completed" || record.type === "audit_abandoned") {
        this.ended = record;
      }
    }
  }
}

/** First index whose key is >= `key`. */
export function lowerBound(keys: readonly number[], key: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] as number) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose key is > `key`. */
function upperBound(keys: readonly number[], key: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] as number) <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
