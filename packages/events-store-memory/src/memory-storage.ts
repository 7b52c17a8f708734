import {
  type ClearOptions,
  EventIndex,
  type EventQuery,
  type EventRecord,
  type EventStorage,
  expiredRecords,
  type NormalizedRetention,
  normalizeClearOptions,
  normalizeRetention,
  parseEventRecord,
  type RetentionPolicy,
} from "@phaser/events-core";

const RECORD_OPTIONS = { allowUnknownType: true, context: "Invalid event record" } as const;

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
  readonly #retention: NormalizedRetention;
  readonly #autoCleanup: boolean;
  readonly #now: () => Date;

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
    this.#index.insert([parseEventRecord(record, RECORD_OPTIONS)]);
    if (this.#autoCleanup) this.#expire();
  }

  async appendEvents(records: readonly EventRecord[]): Promise<void> {
    // Validate everything first: all or nothing.
    const parsed = Array.from(records, (record, index) =>
      parseEventRecord(record, {
        ...RECORD_OPTIONS,
        context: `Invalid event record at index ${index}`,
      }),
    );
    this.#index.insert(parsed);
    if (this.#autoCleanup) this.#expire();
  }

  async getEvents(query?: EventQuery): Promise<EventRecord[]> {
    return this.#index.query(query);
  }

  async clearEvents(options?: ClearOptions): Promise<number> {
    return this.#index.removeBefore(normalizeClearOptions(options)).length;
  }

  /** Removes events older than `retentionDays`, then the oldest beyond `maxEvents`. */
  async cleanup(): Promise<number> {
    return this.#expire();
  }

  async close(): Promise<void> {}

  #expire(): number {
    const expired = expiredRecords(this.#index, this.#retention, this.#now());
    this.#index.remove(new Set(expired));
    return expired.length;
  }
}
