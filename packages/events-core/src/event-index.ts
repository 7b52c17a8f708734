import { type NormalizedQuery, normalizeQuery } from "./query.js";
import type { EventRecord } from "./record.js";
import type { EventQuery } from "./storage.js";
import { timestampKey } from "./timestamp.js";

/**
 * Records in instant order (ties in insertion order), with the instant of each
 * (see `timestampKey`) in a parallel array: no object per record, and time
 * bounds are binary searches over plain numbers.
 */
class Run {
  keys: number[] = [];
  records: EventRecord[] = [];

  get length(): number {
    return this.keys.length;
  }

  /** Adds after every record whose instant is <= `key`. */
  add(key: number, record: EventRecord): void {
    const last = this.keys.length - 1;
    if (last < 0 || (this.keys[last] as number) <= key) {
      this.keys.push(key);
      this.records.push(record);
      return;
    }
    const at = upperBound(this.keys, key);
    this.keys.splice(at, 0, key);
    this.records.splice(at, 0, record);
  }

  /** Removes the first `count` records and returns them. */
  shift(count: number): EventRecord[] {
    this.keys.splice(0, count);
    return this.records.splice(0, count);
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
  }
}

/**
 * An in-memory, query-ready view of a log, for store authors: records sorted
 * by instant (ties in insertion order) plus the same per audit id, so a query
 * for one audit never scans the whole log and time bounds are binary searches.
 * Records are expected to be validated and frozen (`parseEventRecord`).
 */
export class EventIndex {
  #all = new Run();
  #byAudit = new Map<string, Run>();

  /** Number of records held. */
  get size(): number {
    return this.#all.length;
  }

  /** Every record, in timestamp order. */
  records(): EventRecord[] {
    return this.#all.records.slice();
  }

  /** The `count` oldest records, oldest first. */
  oldest(count: number): EventRecord[] {
    return this.#all.records.slice(0, Math.max(0, count));
  }

  /** How many records are strictly before the instant key `key`. */
  countBefore(key: number): number {
    return lowerBound(this.#all.keys, key);
  }

  /** Adds records after the existing ones with equal instants. */
  insert(records: Iterable<EventRecord>): void {
    for (const record of records) {
      const key = timestampKey(record.timestamp);
      this.#all.add(key, record);
      let run = this.#byAudit.get(record.audit_id);
      if (run === undefined) {
        run = new Run();
        this.#byAudit.set(record.audit_id, run);
      }
      run.add(key, record);
    }
  }

  /** The records that match (the query is checked: `InvalidQueryError`), in timestamp order with ties in insertion order. */
  query(query: EventQuery = {}): EventRecord[] {
    return this.select(normalizeQuery(query));
  }

  /** Like {@link EventIndex.query}, for a query already checked with `normalizeQuery`. */
  select(q: NormalizedQuery): EventRecord[] {
    const run = q.auditId === undefined ? this.#all : this.#byAudit.get(q.auditId);
    if (run === undefined) return [];
    const start = q.since === undefined ? 0 : lowerBound(run.keys, q.since);
    const end = q.until === undefined ? run.length : lowerBound(run.keys, q.until);
    const limit = q.limit ?? Number.POSITIVE_INFINITY;
    if (q.eventType === undefined) return run.records.slice(start, Math.min(end, start + limit));
    const out: EventRecord[] = [];
    for (let i = start; i < end && out.length < limit; i++) {
      const record = run.records[i] as EventRecord;
      if (record.type === q.eventType) out.push(record);
    }
    return out;
  }

  /**
   * Removes the records strictly before the instant key `before` (see
   * `normalizeClearOptions`), or all of them when it is undefined, and returns
   * the removed records, oldest first.
   */
  removeBefore(before: number | undefined): EventRecord[] {
    if (before === undefined) {
      const removed = this.#all.records;
      this.#all = new Run();
      this.#byAudit.clear();
      return removed;
    }
    const removed = this.#all.shift(lowerBound(this.#all.keys, before));
    if (removed.length > 0) {
      for (const [auditId, run] of this.#byAudit) {
        run.shift(lowerBound(run.keys, before));
        if (run.length === 0) this.#byAudit.delete(auditId);
      }
    }
    return removed;
  }

  /** Removes exactly these records (used to roll back a failed write, or to apply retention). */
  remove(records: ReadonlySet<EventRecord>): void {
    if (records.size === 0) return;
    const keep = (record: EventRecord) => !records.has(record);
    this.#all.filter(keep);
    for (const [auditId, run] of this.#byAudit) {
      run.filter(keep);
      if (run.length === 0) this.#byAudit.delete(auditId);
    }
  }
}

/** First index whose key is >= `key`. */
function lowerBound(keys: readonly number[], key: number): number {
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
