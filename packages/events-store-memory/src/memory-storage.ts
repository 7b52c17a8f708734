import type {
  AuditSummary,
  ClearOptions,
  EventQuery,
  EventRecord,
  EventStorage,
  ListAuditsOptions,
  WatchHandle,
  WatchListener,
  WatchOptions,
} from "@phaser/events-core";
import {
  checkRecord,
  checkRecords,
  EventIndex,
  type NormalizedRetention,
  normalizeClearOptions,
  normalizeRetention,
  type RetentionPolicy,
  runWatch,
  WatchSet,
} from "@phaser/events-core/store-kit";
import { AppendLog } from "./append-log.js";

export interface MemoryStorageOptions extends RetentionPolicy {
  /** Apply the retention policy after every append. Default false. */
  readonly autoCleanup?: boolean | undefined;
  /** The clock retention measures age with. Default: `() => new Date()`. */
  readonly now?: (() => Date) | undefined;
}

/**
 * An {@link EventStorage} that keeps records in memory, indexed by audit id:
 * for tests, short-lived processes and browsers. Records are validated and
 * frozen on the way in, so what a caller later mutates never reaches the store.
 */
export class MemoryStorage implements EventStorage {
  readonly #index = new EventIndex();
  /** Append order and positions, for watches. */
  readonly #log = new AppendLog();
  readonly #retention: NormalizedRetention;
  readonly #autoCleanup: boolean;
  readonly #now: () => Date;
  readonly #wakers = new Set<() => void>();
  readonly #watches = new WatchSet();

  constructor(options: MemoryStorageOptions = {}) {
    this.#retention = normalizeRetention(options);
    this.#autoCleanup = options.autoCleanup ?? false;
    this.#now = options.now ?? (() => new Date());
  }

  /** Number of records held. */
  get size(): number {
    return this.#index.size;
  }

  async appendEvent(record: EventRecord): Promise<void> {
    this.#add([checkRecord(record, "append", "Invalid event record")]);
  }

  async appendEvents(records: readonly EventRecord[]): Promise<void> {
    this.#add(checkRecords(records, "append")); // all checked first: all or nothing
  }

  async getEvents(query?: EventQuery): Promise<EventRecord[]> {
    return this.#index.query(query);
  }

  /** The audits held, newest first, from the index's per-audit summaries. */
  async listAudits(options?: ListAuditsOptions): Promise<AuditSummary[]> {
    return this.#index.audits(options);
  }

  /** Nothing to reach: resolves at once. */
  async open(): Promise<void> {}

  async clearEvents(options?: ClearOptions): Promise<number> {
    const removed = this.#index.removeBefore(normalizeClearOptions(options));
    this.#log.remove(removed);
    return removed.length;
  }

  /** Removes events older than `retentionDays`, then the oldest beyond `maxEvents`. */
  async cleanup(): Promise<number> {
    return this.#expire();
  }

  /**
   * Calls `listener` with every record appended from now on (or after
   * `options.fromSeq`), in append order; a position is the record's number
   * in this store's append order.
   */
  watch(listener: WatchListener, options?: WatchOptions): WatchHandle {
    const log = this.#log;
    const watch = runWatch(
      {
        dense: true,
        pollMs: undefined, // nobody else appends: its own appends wake it
        end: () => log.last,
        readAfter: (after) => ({ entries: log.after(after), end: log.last }),
        listen: (wake) => {
          this.#wakers.add(wake);
          return () => {
            this.#wakers.delete(wake);
          };
        },
        store: "memory",
      },
      listener,
      options,
    );
    return this.#watches.add(watch);
  }

  /** Stops every watch. The records stay readable: nothing else is held. */
  async close(): Promise<void> {
    await this.#watches.stopAll();
  }

  #add(records: readonly EventRecord[]): void {
    this.#index.insert(records);
    this.#log.append(records);
    if (this.#autoCleanup) this.#expire();
    for (const wake of this.#wakers) wake();
  }

  #expire(): number {
    const expired = this.#index.expire(this.#retention, this.#now());
    this.#log.remove(expired);
    return expired.length;
  }
}
