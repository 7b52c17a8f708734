import { WatchGapError } from "./errors/watch-gap-error.js";
import { WatchResetError } from "./errors/watch-reset-error.js";
import type { EventRecord } from "./record.js";
import type { WatchHandle, WatchListener, WatchOptions, WatchPosition } from "./storage.js";

/** One position a store read after the watch's: a record, or an element that is not one. */
export interface WatchEntry {
  readonly seq: number;
  /** Undefined for a position that holds no record the watch delivers (it is passed over). */
  readonly record?: EventRecord | undefined;
}

/** What {@link WatchSource.readAfter} found. */
export interface WatchRead {
  /** Positions after the one asked for, in increasing order. */
  readonly entries: readonly WatchEntry[];
  /**
   * Dense sources only: the last position the store has handed out. Positions
   * up to it that were not read were removed before the watch read them.
   */
  readonly end?: number | undefined;
  /** There is more to read at once (the source reads in pages). */
  readonly more?: boolean | undefined;
  /**
   * Dense sources only: the store was replaced, though its positions did not
   * go back (a new file that already holds more records, another at a
   * position already read), and `entries` are the new store's from its start.
   */
  readonly replaced?: boolean | undefined;
}

/** What a store supplies to run a watch: how to read after a position, and how it is woken. */
export interface WatchSource {
  /** The last position now: a watch without `fromSeq` starts after it. */
  end(): number | Promise<number>;
  /**
   * The positions after `after`. `auditId` is a hint a store may filter by
   * (the loop filters again). Throwing is reported once and retried.
   */
  readAfter(after: number, auditId: string | undefined): WatchRead | Promise<WatchRead>;
  /**
   * Every position from 1 to the store's last is a record, an element that
   * is not one, or was removed: a position skipped is a record the watch
   * missed, reported as a `WatchGapError`. False for stores whose positions
   * have holes of their own (a database sequence).
   */
  readonly dense: boolean;
  /**
   * Starts what wakes the watch early (a notification, a file event), told
   * `report` for its failures; returns how to stop it. Correctness never
   * depends on it: the poll reads anyway.
   */
  listen?(wake: () => void, report: (error: unknown) => void): () => void | Promise<void>;
  /** How often the source is read when nothing woke the watch, in ms; undefined: never. */
  readonly pollMs: number | undefined;
  /** Turns what a read threw into what `onError` is told (a `StorageError` naming the store). */
  wrap?(error: unknown): Error;
  /** Named in `WatchGapError`s. */
  readonly store?: string | undefined;
  readonly path?: string | undefined;
}

/** A running watch: the port's handle, plus `wake` for the store to call after its own writes. */
export interface RunningWatch extends WatchHandle {
  wake(): void;
}

/**
 * The loop every watch runs: fix the starting point, then on every wake and
 * poll read after the last position and deliver each record once, in order;
 * report a failure once (not at every retry) until a read works again;
 * report records removed before they were read, and a store replaced (its
 * positions gone back: followed again from its start); keep a listener's throw
 * from stopping the watch.
 */
export function runWatch(
  source: WatchSource,
  listener: WatchListener,
  options: WatchOptions = {},
): RunningWatch {
  if (typeof listener !== "function") {
    throw new TypeError(`watch(listener): listener must be a function (got ${typeof listener})`);
  }
  const { fromSeq, auditId } = options;
  if (fromSeq !== undefined && !(Number.isSafeInteger(fromSeq) && fromSeq >= 0)) {
    throw new RangeError(`watch: fromSeq must be a whole number, 0 or more (got ${fromSeq})`);
  }
  const onError = options.onError ?? ((error: Error) => console.warn(error.message));
  let last = fromSeq;
  let stopped = false;
  let again = false;
  let failing = "";
  let running: Promise<void> | undefined;
  let markReady: (position: WatchPosition) => void = () => {};
  const ready = new Promise<WatchPosition>((resolve) => {
    markReady = resolve;
  });

  const report = (error: unknown) => {
    if (!stopped) onError(error instanceof Error ? error : new Error(String(error)));
  };
  const reportOnce = (error: unknown) => {
    const wrapped = source.wrap?.(error) ?? error;
    const message = wrapped instanceof Error ? wrapped.message : String(wrapped);
    if (message === failing) return;
    failing = message;
    report(wrapped);
  };
  const gap = (missed: number, after: number) =>
    report(new WatchGapError(missed, after, { store: source.store, path: source.path }));

  const readOnce = async (): Promise<boolean> => {
    if (last === undefined) {
      last = await source.end();
      markReady({ seq: last });
    }
    const read = await source.readAfter(last, auditId);
    // The store was replaced (positions never go back otherwise): follow the new one from its
    // start, with what this read holds of it (a source may have read it whole), then read again.
    const wentBack = read.more !== true && read.end !== undefined && read.end < last;
    const reset = source.dense && (read.replaced === true || wentBack);
    if (reset) {
      const end = read.end ?? read.entries.at(-1)?.seq ?? 0;
      report(new WatchResetError(last, end, { store: source.store, path: source.path }));
      last = 0;
    }
    let expected = last + 1;
    for (const entry of read.entries) {
      if (stopped) return false;
      if (entry.seq <= last) continue;
      if (source.dense && entry.seq > expected) gap(entry.seq - expected, last);
      expected = entry.seq + 1;
      last = entry.seq;
      const { record } = entry;
      if (record === undefined || (auditId !== undefined && record.audit_id !== auditId)) continue;
      try {
        await listener(record, { seq: entry.seq });
      } catch (error) {
        report(error);
      }
    }
    if (stopped) return false;
    if (reset) return true;
    // A page (`more`) says nothing of what lies beyond it: only a last page's end shows a gap.
    if (source.dense && read.more !== true && read.end !== undefined && read.end > last) {
      gap(read.end - last, last);
      last = read.end;
    }
    failing = "";
    return read.more === true;
  };

  const kick = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running !== undefined) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          let more = true;
          while (more && !stopped) more = await readOnce();
        } catch (error) {
          reportOnce(error);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
      // A wake that came after the last read began but before this ran must not be lost.
      if (again && !stopped) void kick();
    });
    return running;
  };

  if (last !== undefined) markReady({ seq: last });
  const stopListening = source.listen?.(() => void kick(), reportOnce);
  void kick(); // fixes the starting point now (a source may read its end synchronously)
  const poll =
    source.pollMs === undefined ? undefined : setInterval(() => void kick(), source.pollMs);

  return {
    ready,
    wake: () => void kick(),
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(poll);
      await stopListening?.();
      await running;
      // Stopped before it fixed its starting point: it delivers nothing, and `ready` must not hang.
      markReady({ seq: last ?? 0 });
    },
  };
}

/**
 * The watches a store has started, so `close()` can stop them all: `add`
 * turns a running watch into the handle the store returns, which leaves the
 * set when stopped.
 */
export class WatchSet {
  readonly #handles = new Set<WatchHandle>();

  add(running: RunningWatch): WatchHandle {
    const handle: WatchHandle = {
      ready: running.ready,
      stop: async () => {
        this.#handles.delete(handle);
        await running.stop();
      },
    };
    this.#handles.add(handle);
    return handle;
  }

  /** Stops every watch; resolves once none will deliver again. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.#handles].map((handle) => handle.stop()));
  }
}
