import { type NormalizedQuery, normalizeQuery } from "./query.js";
import type { EventRecord } from "./record.js";
import type { EventQuery } from "./storage.js";
import { timestampKey } from "./timestamp.js";

/** A record with the instant its timestamp names (see `timestampKey`). */
interface Keyed {
  readonly key: number;
  readonly record: EventRecord;
}

/**
 * An in-memory, query-ready view of a log, for store authors: records sorted
 * by instant (ties in insertion order) plus the same per audit id, so a query
 * for one audit never scans the whole log and time bounds are binary searches.
 * Records are expected to be validated and frozen (`parseEventRecord`).
 */
export class EventIndex {
  #all: Keyed[] = [];
  #byAudit = new Map<string, Keyed[]>();

  /** Number of records held. */
  get size(): number {
    return this.#all.length;
  }

  /** Every record, in timestamp order. */
  records(): EventRecord[] {
    return this.#all.map(toRecord);
  }

  /** The `count` oldest records, oldest first. */
  oldest(count: number): EventRecord[] {
    return this.#all.slice(0, Math.max(0, count)).map(toRecord);
  }

  /** How many records are strictly before the instant key `key`. */
  countBefore(key: number): number {
    return lowerBound(this.#all, key);
  }

  /** Adds records after the existing ones with equal instants. */
  insert(records: Iterable<EventRecord>): void {
    for (const record of records) {
      const keyed = { key: timestampKey(record.timestamp), record };
      insertSorted(this.#all, keyed);
      let list = this.#byAudit.get(record.audit_id);
      if (list === undefined) {
        list = [];
        this.#byAudit.set(record.audit_id, list);
      }
      insertSorted(list, keyed);
    }
  }

  /** The records that match (the query is checked: `InvalidQueryError`), in timestamp order with ties in insertion order. */
  query(query: EventQuery = {}): EventRecord[] {
    return this.select(normalizeQuery(query));
  }

  /** Like {@link EventIndex.query}, for a query already checked with `normalizeQuery`. */
  select(q: NormalizedQuery): EventRecord[] {
    const source = q.auditId === undefined ? this.#all : (this.#byAudit.get(q.auditId) ?? []);
    const start = q.since === undefined ? 0 : lowerBound(source, q.since);
    const end = q.until === undefined ? source.length : lowerBound(source, q.until);
    const limit = q.limit ?? Number.POSITIVE_INFINITY;
    const out: EventRecord[] = [];
    for (let i = start; i < end && out.length < limit; i++) {
      const { record } = source[i] as Keyed;
      if (q.eventType === undefined || record.type === q.eventType) out.push(record);
    }
    return out;
  }

  /**
   * Removes the records strictly before the instant key `before` (see
   * `normalizeClearOptions`), or all of them when it is undefined, and returns
   * the removed records, oldest first.
   */
  removeBefore(before: number | undefined): EventRecord[] {
    const cut = before === undefined ? this.#all.length : lowerBound(this.#all, before);
    const removed = this.#all.splice(0, cut);
    if (before === undefined) {
      this.#byAudit.clear();
    } else if (removed.length > 0) {
      for (const [auditId, list] of this.#byAudit) {
        list.splice(0, lowerBound(list, before));
        if (list.length === 0) this.#byAudit.delete(auditId);
      }
    }
    return removed.map(toRecord);
  }

  /** Removes exactly these records (used to roll back a failed write, or to apply retention). */
  remove(records: ReadonlySet<EventRecord>): void {
    if (records.size === 0) return;
    const keep = (keyed: Keyed) => !records.has(keyed.record);
    this.#all = this.#all.filter(keep);
    for (const [auditId, list] of this.#byAudit) {
      const kept = list.filter(keep);
      if (kept.length === 0) this.#byAudit.delete(auditId);
      else this.#byAudit.set(auditId, kept);
    }
  }
}

function toRecord(keyed: Keyed): EventRecord {
  return keyed.record;
}

/** Inserts after every entry whose key is <= the new one's (upper bound). */
function insertSorted(list: Keyed[], keyed: Keyed): void {
  const last = list[list.length - 1];
  if (last === undefined || last.key <= keyed.key) {
    list.push(keyed);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as Keyed).key <= keyed.key) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, keyed);
}

/** First index whose key is >= `key`. */
function lowerBound(list: readonly Keyed[], key: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as Keyed).key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
