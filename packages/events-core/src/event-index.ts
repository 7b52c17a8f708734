import { type NormalizedQuery, normalizeQuery } from "./query.js";
import type { EventRecord } from "./record.js";
import type { EventQuery } from "./storage.js";

/**
 * An in-memory, query-ready view of a log, for store authors: records sorted
 * by timestamp (ties in insertion order) plus the same per audit id, so a query
 * for one audit never scans the whole log and time bounds are binary searches.
 * Records are expected to be validated and frozen (`parseEventRecord`).
 */
export class EventIndex {
  #all: EventRecord[] = [];
  #byAudit = new Map<string, EventRecord[]>();

  /** Number of records held. */
  get size(): number {
    return this.#all.length;
  }

  /** Every record, in timestamp order. Do not mutate. */
  records(): readonly EventRecord[] {
    return this.#all;
  }

  /** Adds records after the existing ones with equal timestamps. */
  insert(records: Iterable<EventRecord>): void {
    for (const record of records) {
      insertSorted(this.#all, record);
      let list = this.#byAudit.get(record.audit_id);
      if (list === undefined) {
        list = [];
        this.#byAudit.set(record.audit_id, list);
      }
      insertSorted(list, record);
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
    if (q.eventType === undefined) {
      return source.slice(start, Math.min(end, start + limit));
    }
    const out: EventRecord[] = [];
    for (let i = start; i < end && out.length < limit; i++) {
      const record = source[i] as EventRecord;
      if (record.type === q.eventType) out.push(record);
    }
    return out;
  }

  /**
   * Removes the records strictly before `before` (canonical ISO string), or all
   * of them when it is undefined, and returns the removed records.
   */
  removeBefore(before: string | undefined): EventRecord[] {
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
    return removed;
  }

  /** Removes exactly these records (used to roll back a failed write). */
  remove(records: ReadonlySet<EventRecord>): void {
    if (records.size === 0) return;
    this.#all = this.#all.filter((record) => !records.has(record));
    for (const [auditId, list] of this.#byAudit) {
      const kept = list.filter((record) => !records.has(record));
      if (kept.length === 0) this.#byAudit.delete(auditId);
      else this.#byAudit.set(auditId, kept);
    }
  }
}

/** Inserts after every record whose timestamp is <= the new one's (upper bound). */
function insertSorted(list: EventRecord[], record: EventRecord): void {
  const last = list[list.length - 1];
  if (last === undefined || last.timestamp <= record.timestamp) {
    list.push(record);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as EventRecord).timestamp <= record.timestamp) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, record);
}

/** First index whose timestamp is >= `timestamp`. */
function lowerBound(list: readonly EventRecord[], timestamp: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as EventRecord).timestamp < timestamp) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
