import {
  type EventRecord,
  type EventStorage,
  isWatchGapError,
  type WatchOptions,
  type WatchPosition,
} from "@phaser/events-core";
import type { TestApi } from "../context.js";

/** One delivery: the record and the position it came with. */
export interface Received {
  readonly record: EventRecord;
  readonly seq: number;
}

/** A running watch that records what it receives and can wait for a count. */
export interface Collector {
  readonly received: Received[];
  readonly errors: unknown[];
  /** Resolves once `count` records have arrived. */
  until(count: number): Promise<void>;
  /** Resolves once `count` errors have been reported to `onError`. */
  untilErrors(count: number): Promise<void>;
  /** The watch's `ready`: the position after which it delivers. */
  readonly ready: Promise<WatchPosition>;
  readonly stop: () => Promise<void>;
}

/** Collectors started on any store, stopped after each test; stores closed after them. */
export interface WatchFixture {
  /** Starts a collecting watch on `storage` and resolves once it is ready; it is stopped after the test. */
  start(
    storage: EventStorage,
    options?: Omit<WatchOptions, "onError">,
    onRecord?: (record: EventRecord) => void,
  ): Promise<Collector>;
  /** Closes `storage` after the test, once every watch is stopped. */
  own<T extends EventStorage>(storage: T): T;
}

/** A resolvable wait for a list to reach a length. */
function waiters(list: readonly unknown[]) {
  const pending: { count: number; resolve: () => void }[] = [];
  return {
    check() {
      for (const waiter of pending.filter((w) => list.length >= w.count)) {
        pending.splice(pending.indexOf(waiter), 1);
        waiter.resolve();
      }
    },
    until(count: number): Promise<void> {
      if (list.length >= count) return Promise.resolve();
      return new Promise((resolve) => pending.push({ count, resolve }));
    },
  };
}

export function collect(
  storage: EventStorage,
  options: Omit<WatchOptions, "onError"> = {},
  onRecord?: (record: EventRecord) => void,
): Collector {
  const received: Received[] = [];
  const errors: unknown[] = [];
  const records = waiters(received);
  const failures = waiters(errors);
  const watch = storage.watch;
  if (watch === undefined) throw new Error("this store has no watch capability");
  const handle = watch.call(
    storage,
    (record: EventRecord, position: WatchPosition) => {
      received.push({ record, seq: position.seq });
      records.check();
      onRecord?.(record);
    },
    {
      ...options,
      onError: (error) => {
        errors.push(error);
        failures.check();
      },
    },
  );
  return {
    received,
    errors,
    ready: handle.ready,
    stop: () => handle.stop(),
    until: records.until,
    untilErrors: failures.until,
  };
}

/**
 * Registers an `afterEach` that stops the watches started through the fixture,
 * then closes the stores it owns, so a failed case leaks neither.
 */
export function watchFixture(api: TestApi): WatchFixture {
  const watching: Collector[] = [];
  const owned: EventStorage[] = [];
  api.afterEach(async () => {
    await Promise.all(watching.splice(0).map((c) => c.stop()));
    await Promise.all(owned.splice(0).map((s) => s.close?.()));
  });
  return {
    async start(storage, options, onRecord) {
      const collector = collect(storage, options, onRecord);
      watching.push(collector);
      await collector.ready;
      return collector;
    },
    own(storage) {
      owned.push(storage);
      return storage;
    },
  };
}

/** The seqs of the deliveries, in delivery order. */
export function seqsOf(collector: Collector): number[] {
  return collector.received.map((r) => r.seq);
}

/**
 * `seqs` sorted ascending without repeats: equal to `seqs` exactly when they
 * strictly increase, and a comparison with it shows where they do not.
 */
export function increasing(seqs: readonly number[]): number[] {
  return [...new Set(seqs)].sort((a, b) => a - b);
}

/**
 * The reported errors, each `WatchGapError` as `{ missed, afterSeq }`; any
 * other error is kept as it is, so a comparison shows it.
 */
export function gapsOf(collector: Collector): unknown[] {
  return collector.errors.map((e) =>
    isWatchGapError(e) ? { missed: e.missed, afterSeq: e.afterSeq } : e,
  );
}

/** The reported errors that are not `WatchGapError`s: a follower may be told of a gap, nothing else. */
export function otherErrorsOf(collector: Collector): unknown[] {
  return collector.errors.filter((e) => !isWatchGapError(e));
}
