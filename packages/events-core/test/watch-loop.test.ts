import { afterEach, describe, expect, it, vi } from "vitest";
import { isStorageError, isWatchGapError, WatchGapError } from "../src/index.js";
import { type RunningWatch, runWatch, WatchSet } from "../src/store-kit.js";
import { ArraySource, record, recorder, settle } from "./array-source.js";
import { deferred, nextTurn, uuid } from "./helpers.js";

const A = "audit-a";
const B = "audit-b";

const running: RunningWatch[] = [];
function watch(...args: Parameters<typeof runWatch>): RunningWatch {
  const handle = runWatch(...args);
  running.push(handle);
  return handle;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((handle) => handle.stop()));
});

function tracked(promise: Promise<unknown>) {
  const state = { done: false };
  void promise.then(() => {
    state.done = true;
  });
  return state;
}

describe("runWatch: ready", () => {
  it.each([
    ["a synchronous end()", false],
    ["an asynchronous end()", true],
  ])("resolves once the starting point is fixed, with %s", async (_name, asyncEnd) => {
    const source = new ArraySource({ asyncEnd });
    source.append(record(1));
    const { seen, listener, onError } = recorder();
    const handle = watch(source, listener, { onError });
    expect(await handle.ready).toEqual({ seq: 1 }); // the store's end when it started
    source.append(record(2));
    source.wake?.();
    await settle();
    expect(seen).toEqual([[uuid(2), 2]]); // only what was appended once ready resolved
  });

  it("waits for end() to answer", async () => {
    const source = new ArraySource();
    source.endGate = deferred();
    const handle = watch(source, recorder().listener);
    const ready = tracked(handle.ready);
    await settle();
    expect(ready.done).toBe(false);
    source.endGate.resolve();
    await settle();
    expect(ready.done).toBe(true);
  });

  it("resolves at once with fromSeq, without asking end()", async () => {
    const source = new ArraySource();
    source.append(record(1), record(2), record(3));
    source.endGate = deferred(); // never released
    source.gate = deferred(); // the first read does not answer until the end
    const gate = source.gate;
    const handle = watch(source, recorder().listener, { fromSeq: 3 });
    const ready = tracked(handle.ready);
    await Promise.resolve();
    expect(ready.done).toBe(true);
    expect(await handle.ready).toEqual({ seq: 3 });
    gate.resolve(); // stop() waits for the read in flight
  });

  it("resolves with the end it read while appends race with it", async () => {
    const source = new ArraySource();
    source.append(record(1));
    source.endGate = deferred();
    const { seen, listener, onError } = recorder();
    const handle = watch(source, listener, { onError });
    source.append(record(2)); // before end() answers: part of the starting point
    source.endGate.resolve();
    const start = await handle.ready;
    expect(start).toEqual({ seq: 2 });
    source.append(record(3));
    source.wake?.();
    await settle();
    expect(seen).toEqual([[uuid(3), 3]]);
  });

  it("stop() before the starting point is fixed resolves ready", async () => {
    const source = new ArraySource();
    source.end = () => {
      throw new Error("store unreachable");
    };
    const { errors, listener, onError } = recorder();
    const handle = watch(source, listener, { onError });
    const ready = tracked(handle.ready);
    await settle();
    expect(ready.done).toBe(false);
    expect(errors.map((e) => e.message)).toEqual(["store unreachable"]);
    await handle.stop();
    await Promise.resolve();
    expect(ready.done).toBe(true);
    expect(await handle.ready).toEqual({ seq: 0 }); // it delivers nothing
  });
});

describe("runWatch: delivery", () => {
  it("delivers each new record once, in order, with its position", async () => {
    const source = new ArraySource();
    const { seen, listener, onError } = recorder();
    const handle = watch(source, listener, { onError });
    await handle.ready;
    source.append(record(1), record(2));
    source.wake?.();
    source.wake?.();
    await settle();
    source.append(record(3));
    source.wake?.();
    await settle();
    source.wake?.();
    await settle();
    expect(seen).toEqual([
      [uuid(1), 1],
      [uuid(2), 2],
      [uuid(3), 3],
    ]);
  });

  it("passes over positions that hold no record", async () => {
    const source = new ArraySource();
    source.append(record(1), undefined, record(3));
    const { seen, errors, listener, onError } = recorder();
    watch(source, listener, { onError, fromSeq: 0 });
    await settle();
    expect(seen).toEqual([
      [uuid(1), 1],
      [uuid(3), 3],
    ]);
    expect(errors).toEqual([]);
  });

  it("awaits an async listener before the next record", async () => {
    const source = new ArraySource();
    source.append(record(1), record(2));
    const log: string[] = [];
    watch(
      source,
      async (r) => {
        log.push(`start ${r.id.slice(-1)}`);
        await nextTurn();
        log.push(`end ${r.id.slice(-1)}`);
      },
      { fromSeq: 0 },
    );
    await settle();
    expect(log).toEqual(["start 1", "end 1", "start 2", "end 2"]);
  });

  it("reads page after page when the source says there is more", async () => {
    const source = new ArraySource({ page: 2 });
    source.append(record(1), record(2), record(3), record(4), record(5));
    const { seen, listener } = recorder();
    watch(source, listener, { fromSeq: 0 });
    await settle();
    expect(seen.map(([, seq]) => seq)).toEqual([1, 2, 3, 4, 5]);
    expect(source.reads.map((read) => read.after)).toEqual([0, 2, 4]);
  });

  it("reports no gap for a page whose end is the store's, and delivers every record", async () => {
    const source = new ArraySource({ page: 2, storeEndOnPages: true });
    source.append(record(1), record(2), record(3), record(4), record(5));
    const { seen, listener, errors, onError } = recorder();
    watch(source, listener, { fromSeq: 0, onError });
    await settle();
    expect(seen.map(([, seq]) => seq)).toEqual([1, 2, 3, 4, 5]);
    expect(errors).toEqual([]);
  });

  it("polls when nothing wakes it", async () => {
    const source = new ArraySource({ pollMs: 5 });
    const { seen, listener } = recorder();
    const handle = watch(source, listener);
    await handle.ready;
    source.append(record(1));
    await vi.waitFor(() => expect(seen).toEqual([[uuid(1), 1]]), { timeout: 2_000 });
  });

  it("resumes after fromSeq: nothing skipped, nothing repeated", async () => {
    const source = new ArraySource();
    source.append(record(1), record(2), record(3));
    const { seen, listener } = recorder();
    watch(source, listener, { fromSeq: 1 });
    await settle();
    source.append(record(4));
    source.wake?.();
    await settle();
    expect(seen.map(([, seq]) => seq)).toEqual([2, 3, 4]);
    const all = recorder();
    watch(source, all.listener, { fromSeq: 0 });
    await settle();
    expect(all.seen.map(([, seq]) => seq)).toEqual([1, 2, 3, 4]);
  });

  it("delivers only the records of auditId, and hints the source with it", async () => {
    const source = new ArraySource();
    source.append(record(1, A), record(2, B), record(3, A));
    const { seen, errors, listener, onError } = recorder();
    watch(source, listener, { fromSeq: 0, auditId: A, onError });
    await settle();
    source.append(record(4, B), record(5, A));
    source.wake?.();
    await settle();
    expect(seen).toEqual([
      [uuid(1), 1],
      [uuid(3), 3],
      [uuid(5), 5],
    ]);
    source.wake?.();
    await settle();
    expect(source.reads.every((read) => read.auditId === A)).toBe(true);
    expect(source.reads.at(-1)?.after).toBe(5); // positions of other audits are passed over
    expect(errors).toEqual([]);
  });
});

describe("runWatch: records removed before they were read", () => {
  it("a dense source reports the gap as a WatchGapError and goes on", async () => {
    const source = new ArraySource({ dense: true });
    source.append(record(1), record(2), record(3), record(4), record(5));
    source.remove(2, 3);
    const { seen, errors, listener, onError } = recorder();
    watch(source, listener, { fromSeq: 0, onError });
    await settle();
    expect(seen.map(([, seq]) => seq)).toEqual([1, 4, 5]);
    expect(errors).toHaveLength(1);
    const gap = errors[0];
    expect(gap).toBeInstanceOf(WatchGapError);
    expect(isWatchGapError(gap)).toBe(true);
    expect(isStorageError(gap)).toBe(true);
    expect(gap).toMatchObject({ missed: 2, afterSeq: 1, store: "array", path: "/in/memory" });
  });

  it("a dense source reports records removed at the end (none left to read)", async () => {
    const source = new ArraySource({ dense: true });
    const { seen, errors, listener, onError } = recorder();
    watch(source, listener, { fromSeq: 0, onError });
    await settle();
    source.append(record(1), record(2), record(3));
    source.remove(2, 3);
    source.wake?.();
    await settle();
    expect(seen.map(([, seq]) => seq)).toEqual([1]);
    expect(errors).toEqual([
      expect.objectContaining({ code: "WATCH_GAP", missed: 2, afterSeq: 1 }),
    ]);
    source.append(record(4));
    source.wake?.();
    await settle();
    expect(seen.map(([, seq]) => seq)).toEqual([1, 4]);
    expect(errors).toHaveLength(1); // reported once, not at every read
  });

  it("a source that is not dense has holes of its own: no error", async () => {
    const source = new ArraySource({ dense: false });
    source.append(record(1), record(2), record(3), record(4));
    source.remove(2, 4);
    const { seen, errors, listener, onError } = recorder();
    watch(source, listener, { fromSeq: 0, onError });
    await settle();
    expect(seen.map(([, seq]) => seq)).toEqual([1, 3]);
    expect(errors).toEqual([]);
  });
});

describe("runWatch: failures", () => {
  it("reports a read that throws once, until a read works; a new failure is reported again", async () => {
    const source = new ArraySource();
    const { seen, errors, listener, onError } = recorder();
    const handle = watch(source, listener, { onError, fromSeq: 0 });
    await handle.ready;
    await settle();
    source.fail = new Error("connection refused");
    for (let i = 0; i < 4; i++) {
      source.wake?.();
      await settle();
    }
    expect(source.reads.length).toBeGreaterThanOrEqual(5);
    expect(errors.map((e) => e.message)).toEqual(["connection refused"]);

    source.fail = undefined;
    source.append(record(1));
    source.wake?.();
    await settle();
    expect(seen.map(([, seq]) => seq)).toEqual([1]);

    source.fail = new Error("connection refused");
    source.wake?.();
    await settle();
    source.wake?.();
    await settle();
    expect(errors.map((e) => e.message)).toEqual(["connection refused", "connection refused"]);
  });

  it("reports what wrap() makes of the failure, and what the waker reports, the same way", async () => {
    const source = new ArraySource();
    const wrapped = Object.assign(source, {
      wrap: (error: unknown) => new Error(`array store: ${(error as Error).message}`),
    });
    const { errors, onError } = recorder();
    watch(wrapped, () => {}, { onError, fromSeq: 0 });
    await settle();
    source.fail = new Error("EIO");
    source.wake?.();
    await settle();
    source.report?.(new Error("EIO")); // the waker's own failure, same message: already told
    source.report?.(new Error("watcher died"));
    expect(errors.map((e) => e.message)).toEqual(["array store: EIO", "array store: watcher died"]);
  });

  it("a failing end() is reported once and retried; ready resolves once it works", async () => {
    const source = new ArraySource();
    let endFails = true;
    const end = source.end.bind(source);
    source.end = () => {
      if (endFails) throw new Error("no table yet");
      return end();
    };
    const { errors, onError } = recorder();
    const handle = watch(source, () => {}, { onError });
    const ready = tracked(handle.ready);
    source.wake?.();
    await settle();
    source.wake?.();
    await settle();
    expect(ready.done).toBe(false);
    expect(errors.map((e) => e.message)).toEqual(["no table yet"]);
    endFails = false;
    source.wake?.();
    await settle();
    expect(ready.done).toBe(true);
  });

  it("reports a listener's throw or rejection and goes on delivering", async () => {
    const source = new ArraySource();
    source.append(record(1), record(2), record(3));
    const seen: number[] = [];
    const { errors, onError } = recorder();
    const boom = new Error("listener broke");
    watch(
      source,
      async (_r, { seq }) => {
        seen.push(seq);
        if (seq === 1) throw boom;
        if (seq === 2) return Promise.reject(new Error("async broke"));
      },
      { fromSeq: 0, onError },
    );
    await settle();
    expect(seen).toEqual([1, 2, 3]);
    expect(errors).toEqual([boom, new Error("async broke")]);
  });
});

describe("runWatch: stop", () => {
  it("waits for a listener in flight, then delivers nothing more", async () => {
    const source = new ArraySource();
    source.append(record(1), record(2));
    const gate = deferred();
    const seen: number[] = [];
    const handle = watch(
      source,
      async (_r, { seq }) => {
        seen.push(seq);
        await gate.promise;
      },
      { fromSeq: 0 },
    );
    await settle();
    expect(seen).toEqual([1]);
    const stopped = tracked(handle.stop());
    await settle();
    expect(stopped.done).toBe(false);
    expect(source.listening).toBe(false);
    gate.resolve();
    await settle();
    expect(stopped.done).toBe(true);
    source.append(record(3));
    handle.wake();
    source.wake?.();
    await settle();
    expect(seen).toEqual([1]); // not 2, still in the read when stop() came; not 3
  });

  it("stops polling and is idempotent", async () => {
    const source = new ArraySource({ pollMs: 2 });
    const handle = watch(source, () => {}, { fromSeq: 0 });
    await settle();
    await handle.stop();
    await handle.stop();
    const reads = source.reads.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(source.reads.length).toBe(reads);
  });

  it("reports nothing once stopped", async () => {
    const source = new ArraySource();
    const { errors, onError } = recorder();
    const handle = watch(source, () => {}, { fromSeq: 0, onError });
    await settle();
    await handle.stop();
    source.report?.(new Error("late"));
    expect(errors).toEqual([]);
  });
});

describe("runWatch: a wake is never lost", () => {
  // Only wakes drive this source (no poll): a lost wake is a record never delivered.
  // The wake comes `depth` microtasks after the first read is released: during the
  // read, as the loop ends, as its promise settles, and after; one depth lands in
  // each window.
  it.each(Array.from({ length: 40 }, (_, depth) => depth))(
    "a record woken %s microtasks after a read is released is delivered",
    async (depth) => {
      const source = new ArraySource({});
      const { seen, listener } = recorder();
      source.gate = deferred();
      const gate = source.gate;
      watch(source, listener, { fromSeq: 0 });
      await Promise.resolve();
      expect(source.reads).toHaveLength(1); // the first read is in flight
      let later: Promise<void> = Promise.resolve();
      for (let i = 0; i < depth; i++) later = later.then(() => {});
      const woken = later.then(() => {
        source.append(record(1));
        source.wake?.();
      });
      gate.resolve();
      await woken;
      await settle();
      expect(seen).toEqual([[uuid(1), 1]]);
    },
  );

  it("a wake during a read makes another read after it", async () => {
    const source = new ArraySource({});
    const { seen, listener } = recorder();
    source.gate = deferred();
    const gate = source.gate;
    watch(source, listener, { fromSeq: 0 });
    await Promise.resolve();
    source.append(record(1)); // after the read began: not in its answer
    source.wake?.();
    source.wake?.();
    gate.resolve();
    await settle();
    expect(seen).toEqual([[uuid(1), 1]]);
    expect(source.reads).toHaveLength(2); // two wakes during one read: one more read
  });
});

describe("runWatch: arguments", () => {
  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])(
    "refuses fromSeq %s with a RangeError",
    (fromSeq) => {
      expect(() => runWatch(new ArraySource(), () => {}, { fromSeq })).toThrow(RangeError);
    },
  );

  it("refuses a listener that is not a function with a TypeError", () => {
    const source = new ArraySource();
    expect(() => runWatch(source, "nope" as unknown as () => void)).toThrow(TypeError);
    expect(source.listening).toBe(false);
  });
});

describe("WatchSet", () => {
  it("stops every watch it handed out, and a stopped one leaves the set", async () => {
    const source = new ArraySource();
    const set = new WatchSet();
    const a = recorder();
    const b = recorder();
    const first = set.add(runWatch(source, a.listener));
    const second = set.add(runWatch(source, b.listener));
    await Promise.all([first.ready, second.ready]);
    await first.stop();
    await set.stopAll();
    source.append(record(1));
    source.wake?.();
    await settle();
    expect(a.seen).toEqual([]);
    expect(b.seen).toEqual([]);
    expect(source.listening).toBe(false);
  });
});
