import type { StorageError } from "./errors/storage-error.js";
import type { EventType } from "./event-type.js";
import type { EventRecord } from "./record.js";

/**
 * Filters for {@link EventStorage.getEvents}. Every field is optional and they
 * combine with AND. Results are in timestamp order, ties in append order.
 */
export interface EventQuery {
  /** Only events of this audit. */
  readonly auditId?: string | undefined;
  /** Only events of this type (a type this version does not know is allowed). */
  readonly eventType?: EventType | (string & {}) | undefined;
  /** Only events at or after this instant (inclusive). A `Date` or an ISO 8601 string. */
  readonly since?: Date | string | undefined;
  /** Only events strictly before this instant (exclusive). A `Date` or an ISO 8601 string. */
  readonly until?: Date | string | undefined;
  /** At most this many events: the earliest that match. A whole number, 0 or more. */
  readonly limit?: number | undefined;
}

/** Options of {@link EventStorage.clearEvents}. */
export interface ClearOptions {
  /** Remove only events strictly before this instant. Omitted: remove every event. */
  readonly before?: Date | string | undefined;
}

/** Where a watched record sits in the store, passed to a {@link WatchListener} with it. */
export interface WatchPosition {
  /**
   * The record's position in the store's append order. It strictly increases
   * for the life of the store and is never reused or renumbered, whatever is
   * cleared or expired; pass it as `fromSeq` to resume exactly after it.
   */
  readonly seq: number;
}

/**
 * Receives each new record once, in append order. A returned promise is
 * awaited before the next record; a throw or rejection goes to `onError` and
 * does not stop the watch.
 */
export type WatchListener = (record: EventRecord, position: WatchPosition) => void | Promise<void>;

/** Options of {@link EventStorage.watch}. */
export interface WatchOptions {
  /** Only records of this audit. */
  readonly auditId?: string | undefined;
  /**
   * Deliver the records after this position first (`0`: every stored record),
   * then new ones. Omitted: only records appended after `watch` was called.
   */
  readonly fromSeq?: number | undefined;
  /**
   * Told of failures the watch survives: a store it cannot read for a while, a
   * dropped connection it is reconnecting, a listener that threw, and records
   * removed (cleared or expired) after its position before it read them, as a
   * `WatchGapError` with how many it missed. Default: `console.warn`.
   */
  readonly onError?: ((error: StorageError | Error) => void) | undefined;
}

/** Stops a watch; resolves once no further record will be delivered and its resources are released. */
export type Unwatch = () => Promise<void>;

/**
 * The storage port: what the emitter needs from a store. Memory, JSON file and
 * database stores implement it; the conformance suite in
 * `@phaser/events-storage-testkit` checks that they agree.
 */
export interface EventStorage {
  /**
   * Persists one record. Resolves only once the record is stored (durably, for
   * stores that write to disk); rejects with a `StorageError` otherwise, and then
   * stores nothing. Records are validated at this boundary.
   */
  appendEvent(record: EventRecord): Promise<void>;
  /** Persists several records, all or nothing, keeping their order for equal timestamps. */
  appendEvents(records: readonly EventRecord[]): Promise<void>;
  /**
   * Returns the records that match `query`, in timestamp order with ties in
   * append order. Records keep unknown fields and types as stored.
   */
  getEvents(query?: EventQuery): Promise<EventRecord[]>;
  /**
   * Removes the events strictly before `options.before`, or every event when it
   * is omitted, and resolves with how many were removed.
   */
  clearEvents(options?: ClearOptions): Promise<number>;
  /**
   * Optional capability: applies the store's retention policy (see
   * `RetentionPolicy`) now and resolves with how many events it removed.
   */
  cleanup?(): Promise<number>;
  /**
   * Optional capability: calls `listener` with every record appended from now
   * on (or after `options.fromSeq`), by this process or any other, in append
   * order, each with its position. Returns the function that stops it.
   */
  watch?(listener: WatchListener, options?: WatchOptions): Unwatch;
  /** Releases files, handles or connections. The store is not used afterwards. */
  close?(): Promise<void>;
}
