import {
  EventEmitter,
  type EventQuery,
  type EventRecord,
  type EventStorage,
} from "@phaser/events-core";

export const AUDIT_ID = "8f0c3a52-6f1e-4c1b-9d2a-3b4c5d6e7f80";

/** A minimal EventStorage that keeps what was appended, in order; `fail` makes appends reject. */
export class FakeStorage implements EventStorage {
  readonly records: EventRecord[] = [];
  fail: Error | undefined;

  async appendEvent(record: EventRecord): Promise<void> {
    if (this.fail !== undefined) throw this.fail;
    this.records.push(record);
  }

  async appendEvents(records: readonly EventRecord[]): Promise<void> {
    if (this.fail !== undefined) throw this.fail;
    this.records.push(...records);
  }

  async getEvents(query: EventQuery = {}): Promise<EventRecord[]> {
    return this.records.filter(
      (record) => query.auditId === undefined || record.audit_id === query.auditId,
    );
  }

  async clearEvents(): Promise<number> {
    return this.records.splice(0).length;
  }
}

/** An emitter wired to a fresh {@link FakeStorage}. */
export function setup(): { emitter: EventEmitter; storage: FakeStorage } {
  const storage = new FakeStorage();
  return { emitter: new EventEmitter({ storage }), storage };
}

/** The one record `storage` holds; fails the test if it holds none or several. */
export function onlyRecord(storage: FakeStorage): EventRecord {
  if (storage.records.length !== 1) {
    throw new Error(`expected exactly one stored record, found ${storage.records.length}`);
  }
  return storage.records[0] as EventRecord;
}
