import {
  type ClearOptions,
  type EventQuery,
  type EventRecord,
  type EventStorage,
  matchesQuery,
  normalizeClearOptions,
  normalizeQuery,
  parseEventRecord,
  sortRecords,
  timestampKey,
} from "@phaser/events-core";

/**
 * The simplest store that can be right: an array, a filter and a stable sort.
 * The suite must pass on it, which shows the suite asks for the contract and
 * not for one implementation (the built-in stores share core's EventIndex).
 */
export class NaiveStorage implements EventStorage {
  #records: EventRecord[] = [];

  async appendEvent(record: EventRecord): Promise<void> {
    this.#records.push(parseEventRecord(record, { allowUnknownType: true }));
  }

  async appendEvents(records: readonly EventRecord[]): Promise<void> {
    const parsed = records.map((record) => parseEventRecord(record, { allowUnknownType: true }));
    this.#records.push(...parsed);
  }

  async getEvents(query?: EventQuery): Promise<EventRecord[]> {
    const q = normalizeQuery(query);
    const matching = sortRecords(this.#records.filter((record) => matchesQuery(record, q)));
    return q.limit === undefined ? matching : matching.slice(0, q.limit);
  }

  async clearEvents(options?: ClearOptions): Promise<number> {
    const before = normalizeClearOptions(options);
    const kept = this.#records.filter(
      (r) => before !== undefined && timestampKey(r.timestamp) >= before,
    );
    const removed = this.#records.length - kept.length;
    this.#records = kept;
    return removed;
  }
}
