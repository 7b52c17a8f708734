import {
  type AuditSummary,
  type ClearOptions,
  type EventQuery,
  type EventRecord,
  type EventStorage,
  type ListAuditsOptions,
  WatchGapError,
  type WatchHandle,
  type WatchListener,
  type WatchOptions,
} from "@phaser/events-core";
import {
  checkListAudits,
  checkRecord,
  checkRecords,
  lenientTimestampKey,
  matchesQuery,
  normalizeClearOptions,
  normalizeQuery,
  normalizeRetention,
  type RetentionPolicy,
  strictTimestampKey,
} from "@phaser/events-core/store-kit";

interface Stored {
  readonly seq: number;
  readonly record: EventRecord;
}

const key = (stored: Stored) => strictTimestampKey(stored.record.timestamp);

/**
 * The simplest store that can be right: an array in append order, filters
 * and a stable sort, and a watch that polls the array. The suite must pass
 * on it, which shows the suite asks for the contract and not for one
 * implementation (the built-in stores share core's EventIndex and watch loop).
 */
export class NaiveStorage implements EventStorage {
  #stored: Stored[] = [];
  #lastSeq = 0;
  readonly #retention;
  readonly #now: () => Date;
  readonly #autoCleanup: boolean;

  constructor(options: RetentionPolicy & { now?: () => Date; autoCleanup?: boolean } = {}) {
    this.#retention = normalizeRetention(options);
    this.#now = options.now ?? (() => new Date());
    this.#autoCleanup = options.autoCleanup ?? false;
  }

  async appendEvent(record: EventRecord): Promise<void> {
    this.#push([checkRecord(record, "append")]);
  }

  async appendEvents(records: readonly EventRecord[]): Promise<void> {
    this.#push(checkRecords(records, "append"));
  }

  async getEvents(query?: EventQuery): Promise<EventRecord[]> {
    const q = normalizeQuery(query);
    const matching = this.#sorted()
      .map((s) => s.record)
      .filter((record) => matchesQuery(record, q));
    if (q.descending) matching.reverse();
    return q.limit === undefined ? matching : matching.slice(0, q.limit);
  }

  async listAudits(options?: ListAuditsOptions): Promise<AuditSummary[]> {
    const { prefix, limit } = checkListAudits(options);
    const byAudit = new Map<string, EventRecord[]>();
    for (const { record } of this.#sorted()) {
      if (prefix !== undefined && !record.audit_id.startsWith(prefix)) continue;
      byAudit.set(record.audit_id, [...(byAudit.get(record.audit_id) ?? []), record]);
    }
    const audits = [...byAudit].reverse().map(([auditId, records]) => {
      const first = records[0] as EventRecord;
      const start = records.find((r) => r.type === "audit_started")?.data;
      const end = records
        .filter((r) => r.type === "audit_completed" || r.type === "audit_abandoned")
        .pop();
      return {
        auditId,
        firstTimestamp: first.timestamp,
        lastTimestamp: (records[records.length - 1] as EventRecord).timestamp,
        eventCount: records.length,
        project: typeof start?.project === "string" ? start.project : null,
        slug: typeof start?.slug === "string" ? start.slug : null,
        outcome:
          end === undefined ? null : end.type === "audit_completed" ? "completed" : "abandoned",
      } satisfies AuditSummary;
    });
    // Newest first by first event; audits first seen later come first on ties (stable sort).
    audits.sort(
      (a, b) => lenientTimestampKey(b.firstTimestamp) - lenientTimestampKey(a.firstTimestamp),
    );
    return audits.slice(0, limit ?? audits.length);
  }

  async open(): Promise<void> {}

  async clearEvents(options?: ClearOptions): Promise<number> {
    const before = normalizeClearOptions(options);
    const kept = this.#stored.filter((s) => before !== undefined && key(s) >= before);
    const removed = this.#stored.length - kept.length;
    this.#stored = kept;
    return removed;
  }

  async cleanup(): Promise<number> {
    const { maxEvents, retentionDays } = this.#retention;
    const cutoff = this.#now().getTime() * 1000 - retentionDays * 86_400_000_000;
    const sorted = this.#sorted().filter((s) => retentionDays === 0 || key(s) >= cutoff);
    const kept = new Set(
      maxEvents === 0 ? sorted : sorted.slice(Math.max(0, sorted.length - maxEvents)),
    );
    const removed = this.#stored.length - kept.size;
    this.#stored = this.#stored.filter((s) => kept.has(s));
    return removed;
  }

  /** Polls the array every 5 ms for positions after the last delivered one. */
  watch(listener: WatchListener, options: WatchOptions = {}): WatchHandle {
    const onError = options.onError ?? ((error: Error) => console.warn(error.message));
    let last = options.fromSeq ?? this.#lastSeq;
    let running: Promise<void> | undefined;
    const read = async () => {
      const end = this.#lastSeq;
      for (const { seq, record } of this.#stored.filter((s) => s.seq > last && s.seq <= end)) {
        if (seq > last + 1) onError(new WatchGapError(seq - last - 1, last));
        last = seq;
        if (options.auditId !== undefined && record.audit_id !== options.auditId) continue;
        try {
          await listener(record, { seq });
        } catch (error) {
          onError(error as Error);
        }
      }
      if (end > last) onError(new WatchGapError(end - last, last));
      last = Math.max(last, end);
    };
    const timer = setInterval(() => {
      running ??= read().finally(() => {
        running = undefined;
      });
    }, 5);
    return {
      ready: Promise.resolve({ seq: last }),
      stop: async () => {
        clearInterval(timer);
        await running;
      },
    };
  }

  #push(records: readonly EventRecord[]): void {
    for (const record of records) this.#stored.push({ seq: ++this.#lastSeq, record });
    if (this.#autoCleanup) void this.cleanup();
  }

  /** Timestamp order, ties in append order (a stable sort of the append-order array). */
  #sorted(): Stored[] {
    return [...this.#stored].sort((a, b) => key(a) - key(b));
  }
}
