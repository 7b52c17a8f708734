import type { StorageError } from "./errors/storage-error.js";
import type { EventType } from "./event-type.js";
import type { EventRecord } from "./record.js";

/**
 * Filters for {@link EventStorage.getEvents}. Every field is optional and they
 * combine with AND.
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
  /**
   * `"asc"` (default): timestamp order, ties in append order. `"desc"`: the
   * exact reverse, latest first, so `{ order: "desc", limit: 10 }` is the ten
   * latest events.
   */
  readonly order?: "asc" | "desc" | undefined;
  /** At most this many events, the first that match in `order`. A whole number, 0 or more. */
  readonly limit?: number | undefined;
}

/** Options of {@link EventStorage.clearEvents}. */
export interface ClearOptions {
  /** Remove only events strictly before this instant. Omitted: remove every event. */
  readonly before?: Date | string | undefined;
}

/** Options of {@link EventStorage.listAudits}. */
export interface ListAuditsOptions {
  /** Only audits whose id starts with this text (case-sensitive). */
  readonly prefix?: string | undefined;
  /** At most this many audits, the newest. A whole number, 0 or more. */
  readonly limit?: number | undefined;
}

/** One audit as {@link EventStorage.listAudits} sums it up from its stored events. */
export interface AuditSummary {
  readonly auditId: string;
  /** The timestamp of its earliest event, as stored. */
  readonly firstTimestamp: string;
  /** The timestamp of its latest event, as stored. */
  readonly lastTimestamp: string;
  /** How many events it has (of any type, known or not). */
  readonly eventCount: number;
  /** `data.project` of its first `audit_started` event when that is a string; otherwise null. */
  readonly project: string | null;
  /** `data.slug` of its first `audit_started` event when that is a string; otherwise null. */
  readonly slug: string | null;
  /** How it ended: the type of its latest `audit_completed` or `audit_abandoned` event; null while open. */
  readonly outcome: "completed" | "abandoned" | null;
}

/** Where a watched record sits in the store, passed to a {@link WatchListener} with it. */
export interface WatchPosition {
  /**
   * Opaque except for two promises: positions strictly increase in the order
   * records are delivered, and passing one as `fromSeq` resumes exactly
   * after it (nothing skipped, nothing repeated), whatever is cleared or
   * expired in between and across restarts of the store.
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
   * then new ones. Omitted: only records appended once `ready` resolves.
   */
  readonly fromSeq?: number | undefined;
  /**
   * Told of failures the watch survives: a store it cannot read for a while
   * (once, not at every retry), a listener that threw, and records removed
   * (cleared or expired) after its position before it read them, as a
   * `WatchGapError` saying how many it missed. Default: `console.warn`.
   */
  readonly onError?: ((error: StorageError | Error) => void) | undefined;
}

/** A running watch. */
export interface WatchHandle {
  /**
   * Resolves once every record appended from then on is certain to be
   * delivered (the watch has fixed its starting point), with that starting
   * point: the position after which the watch delivers (`fromSeq` when
   * given, else the store's last position when the watch started). Records
   * at or before it are not delivered; a watch started with
   * `fromSeq: (await ready).seq` delivers exactly what this one delivers.
   * Never rejects: a store that cannot be read yet is reported to `onError`
   * and retried. A watch stopped before it could fix its starting point
   * delivers nothing and resolves with `{ seq: 0 }`.
   */
  readonly ready: Promise<WatchPosition>;
  /** Stops the watch; resolves once no further record will be delivered and its resources are released. */
  stop(): Promise<void>;
}

/**
 * The storage port: what the emitter and the tools need from a store. The
 * conformance suite in `@phaser/events-storage-testkit` checks that every
 * store keeps this contract.
 */
export interface EventStorage {
  /**
   * Persists one record. Resolves only once the record is stored (durably, for
   * stores that outlive the process); rejects with a `StorageError` otherwise,
   * and then stores nothing. Records are validated at this boundary.
   */
  appendEvent(record: EventRecord): Promise<void>;
  /** Persists several records, all or nothing, keeping their order for equal timestamps. */
  appendEvents(records: readonly EventRecord[]): Promise<void>;
  /**
   * Returns the records that match `query`, in timestamp order with ties in
   * append order (or the reverse, see `order`). Records keep unknown fields
   * and types as stored.
   */
  getEvents(query?: EventQuery): Promise<EventRecord[]>;
  /**
   * Removes the events strictly before `options.before`, or every event when it
   * is omitted, and resolves with how many were removed.
   */
  clearEvents(options?: ClearOptions): Promise<number>;
  /**
   * Optional capability: the audits the store holds, newest first (by their
   * earliest event; ties: the later-appended audit first), without reading
   * every event where the store can avoid it.
   */
  listAudits?(options?: ListAuditsOptions): Promise<AuditSummary[]>;
  /**
   * Optional capability: checks now that the store can be used (reachable,
   * readable, its format or schema current, migrating it when it is older) so
   * that a tool fails before it starts work rather than at its first write.
   * Rejects with the `StorageError` the first operation would have met.
   */
  open?(): Promise<void>;
  /**
   * Optional capability: applies the store's retention policy (see
   * `RetentionPolicy`) now and resolves with how many events it removed.
   */
  cleanup?(): Promise<number>;
  /**
   * Optional capability: calls `listener` with every record appended from
   * `ready` on (or after `options.fromSeq`), by this process or any other, in
   * append order, each with its position.
   */
  watch?(listener: WatchListener, options?: WatchOptions): WatchHandle;
  /** Releases files, handles or connections. The store is not used afterwards. */
  close?(): Promise<void>;
}
