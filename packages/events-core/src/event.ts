import type { EventType } from "./event-type.js";
import type { JsonObject } from "./json.js";
import type { EventPayloadMap } from "./payload-fields.js";
import { checkRecord, type EventRecord } from "./record.js";

/**
 * The `data` of an event of type `T`: the spec's fields (each may be absent in
 * records written by other tools) plus any extra JSON fields.
 */
export type EventData<T extends EventType = EventType> = Readonly<Partial<EventPayloadMap[T]>> &
  JsonObject;

/**
 * A payload as `new Event` takes it: the spec's fields of `T` (typed, each
 * may be absent, as in records other tools wrote) plus any extra JSON fields.
 */
export type EventDataInput<T extends EventType = EventType> = Readonly<
  Partial<EventPayloadMap[T]>
> &
  Readonly<Record<string, unknown>>;

/**
 * A payload as `emit` takes it: every required field of `T` (see
 * `PAYLOAD_FIELDS`), optional ones as you like, plus any extra JSON fields.
 */
export type EmitData<T extends EventType = EventType> = Readonly<EventPayloadMap[T]> &
  Readonly<Record<string, unknown>>;

/** What `new Event(...)` takes. `phase` defaults to `null`, `data` to `{}`. */
export interface EventInit<T extends EventType = EventType> {
  readonly id: string;
  readonly type: T;
  readonly timestamp: string;
  readonly auditId: string;
  readonly phase?: number | null | undefined;
  readonly data?: EventDataInput<T> | undefined;
}

/** Holds a checked record for `eventFromRecord`: only this module can make one. */
class Checked {
  constructor(readonly record: EventRecord) {}
}

/**
 * One immutable audit event. The instance and its `data` are deeply frozen:
 * assigning to them throws. Construction validates like {@link Event.fromDict}.
 */
export class Event<T extends EventType = EventType> {
  readonly id: string;
  readonly type: T;
  readonly timestamp: string;
  readonly auditId: string;
  readonly phase: number | null;
  readonly data: EventData<T>;
  readonly #record: EventRecord;

  constructor(init: EventInit<T>) {
    const record =
      init instanceof Checked
        ? init.record
        : checkRecord(
            {
              id: init.id,
              type: init.type,
              timestamp: init.timestamp,
              audit_id: init.auditId,
              phase: init.phase ?? null,
              data: init.data === undefined ? {} : init.data,
            },
            "event",
          );
    this.id = record.id;
    this.type = record.type as T;
    this.timestamp = record.timestamp;
    this.auditId = record.audit_id;
    this.phase = record.phase;
    this.data = record.data as EventData<T>;
    this.#record = record;
    Object.freeze(this);
  }

  /** The wire record `{ id, type, timestamp, audit_id, phase, data }` (frozen). */
  toDict(): EventRecord {
    return this.#record;
  }

  /** Same as {@link Event.toDict}, so `JSON.stringify(event)` gives the wire format. */
  toJSON(): EventRecord {
    return this.toDict();
  }

  /**
   * Validates a wire record and builds an Event. Throws `EventValidationError`
   * naming the field, or `UnknownEventTypeError` for a type this version does
   * not know.
   */
  static fromDict(value: unknown): Event {
    return eventFromRecord(checkRecord(value, "event"));
  }
}

/** @internal Builds an Event from a record `checkRecord` returned, without checking it again. */
export function eventFromRecord(record: EventRecord): Event {
  return new Event(new Checked(record) as unknown as EventInit);
}
