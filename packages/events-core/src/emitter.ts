import { EventValidationError } from "./errors/event-validation-error.js";
import { StorageNotConfiguredError } from "./errors/storage-not-configured-error.js";
import { type EmitData, type Event, eventFromRecord } from "./event.js";
import { EVENT_TYPES, type EventType, isEventType } from "./event-type.js";
import { sortRecords } from "./query.js";
import { randomUuid } from "./random-uuid.js";
import { checkRecord, rememberChecked } from "./record.js";
import type { EventStorage } from "./storage.js";

/**
 * How `emit`'s validation errors start, per known type, as the CLI's own
 * checks do ("Invalid phase_failed event: …"); built once, so a valid emit
 * builds no message. An unknown type keeps checkRecord's default.
 */
const EMIT_CONTEXT: ReadonlyMap<string, string> = new Map(
  EVENT_TYPES.map((type) => [type, `Invalid ${type} event`]),
);

/** A subscriber. It may return a promise; a rejection goes to `onSubscriberError`. */
export type EventSubscriber = (event: Event) => unknown;

/** Receives what a subscriber threw or rejected with, and the event it was given. */
export type SubscriberErrorHandler = (error: unknown, event: Event) => void;

export interface EventEmitterOptions {
  /** Where events are persisted before subscribers hear of them. Without one, nothing is stored. */
  readonly storage?: EventStorage | undefined;
  /** Called when a subscriber throws or rejects. Default: log type, id and error to stderr. */
  readonly onSubscriberError?: SubscriberErrorHandler | undefined;
  /** The clock. Default: `() => new Date()`. */
  readonly now?: (() => Date) | undefined;
}

/** The third argument of `emit`. */
export interface EmitOptions<T extends EventType = EventType> {
  /** 1-indexed phase; required for `phase_*`, `verification_*` and `file_*` types. */
  readonly phase?: number | null | undefined;
  /**
   * The payload: every required field of `T` (see `PAYLOAD_FIELDS`); extra
   * JSON fields are kept.
   */
  readonly data: EmitData<T>;
}

/**
 * `emit`'s arguments after the audit id. With a literal type the payload is
 * checked at compile time; with a type only known at run time (`EventType`)
 * any object type-checks and the run-time check does the rest.
 */
export type EmitArgs<T extends EventType> = EventType extends T
  ? [
      options?: {
        readonly phase?: number | null | undefined;
        readonly data?: Readonly<Record<string, unknown>> | undefined;
      },
    ]
  : [options: EmitOptions<T>];

/** The instants a four-digit-year timestamp can name: 0000-01-01 to 9999-12-31T23:59:59.999. */
const MIN_MS = Date.parse("0000-01-01T00:00:00.000Z");
const MAX_MS = Date.parse("9999-12-31T23:59:59.999Z");

const defaultSubscriberErrorHandler: SubscriberErrorHandler = (error, event) => {
  console.error(`[phaser-events] a subscriber failed on ${event.type} event ${event.id}:`, error);
};

/**
 * Creates events, persists them through an optional {@link EventStorage}, then
 * notifies subscribers synchronously, in subscription order.
 */
export class EventEmitter {
  readonly #storage: EventStorage | undefined;
  readonly #onSubscriberError: SubscriberErrorHandler;
  /** Milliseconds since the epoch: Date.now, or the `now` option read as a Date (NaN when it is not one). */
  readonly #clock: () => number;
  #subscribers = new Set<EventSubscriber>();
  #snapshot: readonly EventSubscriber[] = [];
  #lastMs = Number.NEGATIVE_INFINITY;
  #lastTimestamp = "";

  constructor(options: EventEmitterOptions = {}) {
    this.#storage = options.storage;
    this.#onSubscriberError = options.onSubscriberError ?? defaultSubscriberErrorHandler;
    const now = options.now;
    this.#clock =
      now === undefined
        ? Date.now
        : () => {
            const date = now();
            return date instanceof Date ? date.getTime() : Number.NaN;
          };
  }

  /** The storage this emitter persists to, if any. */
  get storage(): EventStorage | undefined {
    return this.#storage;
  }

  /**
   * Creates an event, persists it, then notifies subscribers. Resolves with the
   * event once it is stored. Rejects with `EventValidationError` naming the
   * field (a required payload field missing, a field of the wrong kind, a
   * missing phase) or `UnknownEventTypeError` for bad input (nothing stored,
   * nobody notified), or with the storage's error when persisting fails
   * (nobody notified).
   */
  emit<T extends EventType>(type: T, auditId: string, ...options: EmitArgs<T>): Promise<Event<T>>;
  async emit(
    type: EventType,
    auditId: string,
    options?: { readonly phase?: number | null | undefined; readonly data?: unknown },
  ): Promise<Event> {
    const record = checkRecord(
      {
        id: randomUuid(),
        type,
        timestamp: this.#timestamp(),
        audit_id: auditId,
        phase: options?.phase ?? null,
        data: options?.data,
      },
      "emit",
      EMIT_CONTEXT.get(type),
    );
    const event = eventFromRecord(record);
    if (this.#storage !== undefined) await this.#storage.appendEvent(rememberChecked(record));
    this.#notify(event);
    return event;
  }

  /**
   * Adds a subscriber and returns a function that removes it. Subscribing the
   * same function twice has no further effect.
   */
  subscribe(callback: EventSubscriber): () => void {
    if (typeof callback !== "function") {
      // A programmer's mistake, not bad event data.
      throw new TypeError(
        `subscribe(callback): callback must be a function (got ${typeof callback})`,
      );
    }
    if (!this.#subscribers.has(callback)) {
      this.#subscribers.add(callback);
      this.#snapshot = [...this.#subscribers];
    }
    return () => this.unsubscribe(callback);
  }

  /** Removes a subscriber; unknown callbacks are ignored. */
  unsubscribe(callback: EventSubscriber): void {
    if (this.#subscribers.delete(callback)) this.#snapshot = [...this.#subscribers];
  }

  /**
   * Delivers the stored events of one audit to `callback` as `Event`s, in
   * timestamp order with ties in append order, and resolves with how many were
   * delivered. Types this version does not know are skipped and not counted.
   * If `callback` returns a promise it is awaited before the next event.
   */
  async replay(auditId: string, callback: (event: Event) => unknown): Promise<number> {
    if (this.#storage === undefined) throw new StorageNotConfiguredError();
    if (typeof auditId !== "string" || auditId === "") {
      throw new EventValidationError(
        [{ field: "audit_id", message: "must be a non-empty string" }],
        "Invalid replay",
      );
    }
    const records = sortRecords(await this.#storage.getEvents({ auditId }));
    let count = 0;
    for (const record of records) {
      if (!isEventType(record.type)) continue;
      const result = callback(eventFromRecord(checkRecord(record, "event")));
      if (isThenable(result)) await result;
      count++;
    }
    return count;
  }

  #timestamp(): string {
    const ms = this.#clock();
    if (Number.isNaN(ms)) {
      throw new EventValidationError([
        { field: "timestamp", message: "the clock (`now`) returned an invalid Date" },
      ]);
    }
    if (ms < MIN_MS || ms > MAX_MS) {
      // toISOString would write `+010000-…` or `-000001-…`, which no reader accepts.
      throw new EventValidationError([
        {
          field: "timestamp",
          message: `the clock (\`now\`) returned ${new Date(ms).toISOString()}, outside the years 0000 to 9999 a timestamp can name`,
        },
      ]);
    }
    if (ms > this.#lastMs) {
      this.#lastMs = ms;
      this.#lastTimestamp = new Date(ms).toISOString();
    }
    return this.#lastTimestamp;
  }

  #notify(event: Event): void {
    for (const subscriber of this.#snapshot) {
      try {
        const result = subscriber(event);
        if (isThenable(result)) {
          result.then(undefined, (error: unknown) => this.#reportSubscriberError(error, event));
        }
      } catch (error) {
        this.#reportSubscriberError(error, event);
      }
    }
  }

  #reportSubscriberError(error: unknown, event: Event): void {
    try {
      this.#onSubscriberError(error, event);
    } catch (handlerError) {
      defaultSubscriberErrorHandler(handlerError, event);
    }
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as PromiseLike<unknown>).then === "function"
  );
}
