import { checkListAudits, summarize } from "./audit-summary.js";
import { lowerBound, Run } from "./instant-run.js";
import { type NormalizedQuery, normalizeQuery } from "./query.js";
import type { EventRecord } from "./record.js";
import { expiredCount, type NormalizedRetention } from "./retention.js";
import type { AuditSummary, EventQuery, ListAuditsOptions } from "./storage.js";
import { strictTimestampKey } from "./timestamp.js";

/**
 * An in-memory, query-ready view of a log, for store authors: records sorted
 * by instant (ties in insertion order) plus the same per audit id, so a query
 * for one audit never scans the whole log and time bounds are binary searches.
 * Records are expected to be checked and frozen (`checkRecord`).
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
      const key = strictTimestampKey(record.timestamp);
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
    if (q.eventType === undefined) {
      if (!q.descending) return run.records.slice(start, Math.min(end, start + limit));
      return run.records.slice(Math.max(start, end - limit), end).reverse();
    }
    const out: EventRecord[] = [];
    const step = q.descending ? -1 : 1;
    for (let i = q.descending ? end - 1 : start; i >= start && i < end; i += step) {
      if (out.length >= limit) break;
      const record = run.records[i] as EventRecord;
      if (record.type === q.eventType) out.push(record);
    }
    return out;
  }

  /**
   * The audits held, newest first (by earliest event; ties: the audit seen
   * later first), from per-audit summaries kept as records arrive: no record
   * is read. Options are checked (`InvalidQueryError`).
   */
  audits(options: ListAuditsOptions = {}): AuditSummary[] {
    const { prefix, limit } = checkListAudits(options);
    const runs: [string, Run][] = [];
    for (const entry of this.#byAudit) {
      if (prefix === undefined || entry[0].startsWith(prefix)) runs.push(entry);
    }
    runs.reverse(); // seen later first, kept for equal keys by the stable sort
    runs.sort((a, b) => (b[1].keys[0] as number) - (a[1].keys[0] as number));
    return runs.slice(0, limit ?? runs.length).map(([auditId, run]) => summarize(auditId, run));
  }

  /** Takes out what `policy` expires at `now` (see `expiredCount`) and returns it, oldest first. */
  expire(policy: NormalizedRetention, now: Date): EventRecord[] {
    const expired = this.oldest(expiredCount(this, policy, now));
    this.remove(new Set(expired));
    return expired;
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
