import { AuditRowsBuilder } from "@phaser/events-analysis";
import type { EventRecord, EventStorage, WatchHandle } from "@phaser/events-core";
import { type RecentEntry, RecentRing, type RecentRingLimits } from "./recent-ring.js";
import { recordMessage } from "./sse-message.js";

/**
 * Told each record the shared watch delivers, after the rows and the ring
 * have it. Returns false when its socket is full (it wrote past the buffer's
 * mark): the follower then lets the event loop turn before the next record.
 */
export type FollowerSubscriber = (entry: RecentEntry) => boolean;

export interface StoreFollowerOptions {
  readonly limits: RecentRingLimits;
  /** Told of what the watch survives (a store it cannot read for a while, records it missed). */
  readonly onError: (error: Error) => void;
  /** Stops the start (the watch is stopped, the promise rejects with the signal's reason). */
  readonly signal?: AbortSignal | undefined;
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
  #position: number;
  /** The snapshot's ids, until the watch delivers a record beyond it. */
  #snapshotIds: Set<string> | undefined;

  private constructor(
    watch: WatchHandle,
    rows: AuditRowsBuilder,
    start: number,
    limits: RecentRingLimits,
  ) {
    this.#watch = watch;
    this.rows = rows;
    this.#position = start;
    this.ring = new RecentRing(start, limits);
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
    const watch = storage.watch(
      (record, { seq }) => {
        if (follower === undefined) held.push({ record, seq });
        else if (!follower.#apply(record, seq)) return nextTurn();
      },
      { onError: options.onError },
    );
    try {
      const start = await untilAborted(watch.ready, options.signal);
      const snapshot = await untilAborted(storage.getEvents(), options.signal);
      const rows = new AuditRowsBuilder();
      for (const record of snapshot) rows.add(record);
      const loaded = new StoreFollower(watch, rows, start.seq, options.limits);
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

  /** Tells `subscriber` every record from now on; returns how to stop. */
  subscribe(subscriber: FollowerSubscriber): () => void {
    this.#subscribers.add(subscriber);
    return () => {
      this.#subscribers.delete(subscriber);
    };
  }

  /** Stops the watch; resolves once nothing more is applied. */
  async stop(): Promise<void> {
    this.#subscribers.clear();
    await this.#watch.stop();
  }

  /** Applies a delivered record; false when a subscriber's socket is full. */
  #apply(record: EventRecord, seq: number): boolean {
    const counted = this.#snapshotIds?.has(record.id) === true;
    if (!counted) this.#snapshotIds = undefined;
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

/**
 * One turn of the event loop: sockets flush what they hold. A burst of
 * records (one large append) would otherwise be written to every client
 * within one turn, filling even a fast reader's buffer past the limit at
 * which it is dropped.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** `promise`, or a rejection with the signal's reason once it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener("abort", abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", abort);
        reject(error);
      },
    );
  });
}
