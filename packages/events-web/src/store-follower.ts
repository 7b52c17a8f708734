import { type AuditRow, AuditRowsBuilder } from "@phaser/events-analysis";
import {
  type EventRecord,
  type EventStorage,
  isWatchResetError,
  WatchGapError,
  type WatchHandle,
} from "@phaser/events-core";
import { nextTurn, untilAborted } from "./event-loop-turns.js";
import { type RecentEntry, RecentRing, type RecentRingLimits } from "./recent-ring.js";
import { RowsRecheck } from "./rows-recheck.js";
import { recordMessage } from "./sse-message.js";

/**
 * Told each record the shared watch delivers, after the rows and the ring
 * have it. Returns false when its socket is full (it wrote past the buffer's
 * mark): the follower then lets the event loop turn before the next record.
 */
export type FollowerSubscriber = (entry: RecentEntry) => boolean;

/** What a recheck changed in the rows: audits the store no longer holds, and rows rebuilt after some of their records went. */
export interface RowsChange {
  /** Counts the changes: 0 at start, one more for each recheck that changed a row. */
  readonly version: number;
  readonly removed: readonly string[];
  readonly updated: readonly AuditRow[];
}

/** Told of each recheck that changed the rows, with the whole Server-Sent Events message for it. */
export type RowsSubscriber = (change: RowsChange, message: string) => void;

export interface StoreFollowerOptions {
  readonly limits: RecentRingLimits;
  /** How often the rows are checked against the store while a client follows, in ms. */
  readonly recheckMs: number;
  /** Told of what the watch survives (a store it cannot read for a while, records it missed). */
  readonly onError: (error: Error) => void;
  /** Stops the start (the watch is stopped, the promise rejects with the signal's reason). */
  readonly signal?: AbortSignal | undefined;
  /**
   * Told when the store was replaced under the watch (`WatchResetError`): the follower applies
   * nothing more, and the server starts another one.
   */
  readonly onReset?: (() => void) | undefined;
}

/**
 * The server's one watch of the store, shared by every client. It loads the
 * store once, then keeps the audit rows, the recent records and the position
 * current from the watch alone.
 *
 * Start: the watch is started first and its `ready` gives the position it
 * delivers after; then one `getEvents()` builds the rows. The snapshot may
 * also hold records appended after the watch's start, which the watch
 * delivers too, during the load (held, then applied) or after it: those
 * are applied to the ring and the position but not counted in the rows
 * again. The snapshot's ids are kept for that only until the watch delivers
 * a record the snapshot lacks: the watch delivers in append order and the
 * snapshot holds a prefix of it, so nothing after that one can be in it.
 */
export class StoreFollower {
  readonly rows: AuditRowsBuilder;
  readonly ring: RecentRing;
  readonly #watch: WatchHandle;
  readonly #subscribers = new Set<FollowerSubscriber>();
  readonly #rowsRecheck: RowsRecheck;
  #position: number;
  /** The snapshot's ids, until the watch delivers a record beyond it. */
  #snapshotIds: Set<string> | undefined;

  private constructor(
    storage: EventStorage,
    options: StoreFollowerOptions,
    watch: WatchHandle,
    rows: AuditRowsBuilder,
    start: number,
  ) {
    this.#watch = watch;
    this.rows = rows;
    this.#position = start;
    this.ring = new RecentRing(start, options.limits);
    this.#rowsRecheck = new RowsRecheck(storage, rows, options, start, () => this.#position);
  }

  /** Starts the watch and loads the store; resolves once the rows are built. */
  static async start(storage: EventStorage, options: StoreFollowerOptions): Promise<StoreFollower> {
    if (typeof storage.watch !== "function") {
      throw new TypeError(
        "createTimelineServer: storage has no watch(): the server follows the store through it",
      );
    }
    await storage.open?.();
    const held: { record: EventRecord; seq: number }[] = [];
    let follower: StoreFollower | undefined;
    let replaced = false;
    const watch = storage.watch(
      (record, { seq }) => {
        if (replaced) return; // what the watch delivers now belongs to the next follower
        if (follower === undefined) held.push({ record, seq });
        else if (!follower.#apply(record, seq)) return nextTurn();
      },
      {
        onError: (error) => {
          // Records went before the watch read them: some audits may have gone with them.
          if (error instanceof WatchGapError) void follower?.recheck(0);
          options.onError(error);
          if (isWatchResetError(error) && !replaced) {
            replaced = true;
            options.onReset?.();
          }
        },
      },
    );
    try {
      const start = await untilAborted(watch.ready, options.signal);
      const snapshot = await untilAborted(storage.getEvents(), options.signal);
      const rows = new AuditRowsBuilder();
      for (const record of snapshot) rows.add(record);
      const loaded = new StoreFollower(storage, options, watch, rows, start.seq);
      loaded.#snapshotIds = new Set(snapshot.map((record) => record.id));
      for (const { record, seq } of held.splice(0)) loaded.#apply(record, seq);
      follower = loaded;
      return loaded;
    } catch (error) {
      await watch.stop();
      throw error;
    }
  }

  /** The position of the last record applied (the watch's start before any). */
  get position(): number {
    return this.#position;
  }

  /** How many rechecks changed the rows so far: a client that saw another number asks for the rows again. */
  get rowsVersion(): number {
    return this.#rowsRecheck.version;
  }

  /** Tells `subscriber` every record from now on; returns how to stop. */
  subscribe(subscriber: FollowerSubscriber): () => void {
    this.#subscribers.add(subscriber);
    return () => {
      this.#subscribers.delete(subscriber);
    };
  }

  /**
   * Tells `subscriber` of each recheck that changes the rows; returns how to
   * stop. While any is subscribed the rows are rechecked every `recheckMs`.
   */
  subscribeRows(subscriber: RowsSubscriber): () => void {
    return this.#rowsRecheck.subscribe(subscriber);
  }

  /**
   * Checks the rows against the store, which the watch does not tell of
   * removals (a clear, a retention cleanup, a JSON store's `maxEvents`, from
   * any process): drops the rows of audits it no longer holds, and rebuilds
   * those of audits that lost records. Skipped when the last check ended less
   * than `maxAgeMs` ago; joins the check in progress. Never rejects: a store
   * it cannot read is reported to `onError` and the rows stay as they are.
   */
  recheck(maxAgeMs: number): Promise<void> {
    return this.#rowsRecheck.recheck(maxAgeMs);
  }

  /** Stops the watch; resolves once nothing more is applied. */
  async stop(): Promise<void> {
    this.#rowsRecheck.stop();
    this.#subscribers.clear();
    await Promise.all([this.#watch.stop(), this.#rowsRecheck.running]);
  }

  /** Whether the row already counts `record`: it came in the start's snapshot or a rebuild's read. */
  #counted(record: EventRecord): boolean {
    const inSnapshot = this.#snapshotIds?.has(record.id) === true;
    if (!inSnapshot) this.#snapshotIds = undefined;
    return this.#rowsRecheck.inRebuild(record) || inSnapshot;
  }

  /** Applies a delivered record; false when a subscriber's socket is full. */
  #apply(record: EventRecord, seq: number): boolean {
    const counted = this.#counted(record);
    this.#rowsRecheck.applied(record.audit_id, seq);
    const audit = (counted ? this.rows.get(record.audit_id) : undefined) ?? this.rows.add(record);
    const recordJson = JSON.stringify(record);
    const entry: RecentEntry = { seq, recordJson, message: recordMessage(seq, recordJson, audit) };
    this.ring.push(entry);
    this.#position = seq;
    let keptPace = true;
    for (const subscriber of this.#subscribers) keptPace = subscriber(entry) && keptPace;
    return keptPace;
  }
}
