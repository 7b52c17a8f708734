import {
  type ClearOptions,
  EventIndex,
  type EventQuery,
  type EventRecord,
  type EventStorage,
  normalizeClearOptions,
  parseEventRecord,
} from "@phaser/events-core";

const RECORD_OPTIONS = { allowUnknownType: true, context: "Invalid event record" } as const;

/**
 * An {@link EventStorage} that keeps records in memory, indexed by audit id:
 * for tests, short-lived processes and browsers. Records are validated and
 * frozen on the way in, so what a caller later mutates never reaches the store.
 */
export class MemoryStorage implements EventStorage {
  readonly #index = new EventIndex();

  /** Number of records held. */
  get size(): number {
    return this.#index.size;
  }

  async appendEvent(record: EventRecord): Promise<void> {
    this.#index.insert([parseEventRecord(record, RECORD_OPTIONS)]);
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
  }

  async getEvents(query?: EventQuery): Promise<EventRecord[]> {
    return this.#index.query(query);
  }

  async clearEvents(options?: ClearOptions): Promise<number> {
    return this.#index.removeBefore(normalizeClearOptions(options)).length;
  }

  async close(): Promise<void> {}
}
