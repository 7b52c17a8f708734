import { afterEach, describe, expect, it } from "vitest";
import { isStorageError, isWatchResetError, WatchResetError } from "../src/index.js";
import { type RunningWatch, runWatch, type WatchRead, type WatchSource } from "../src/store-kit.js";
import { ArraySource, record, recorder, settle } from "./array-source.js";
import { uuid } from "./helpers.js";

const running: RunningWatch[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((handle) => handle.stop()));
});

describe("runWatch: a store replaced (its positions gone back)", () => {
  it("reports a WatchResetError once, then delivers the new store from its start", async () => {
    const source = new ArraySource({ dense: true });
    source.append(record(1), record(2), record(3), record(4));
    const { seen, errors, listener, onError } = recorder();
    running.push(runWatch(source, listener, { fromSeq: 0, onError }));
    await settle();
    source.replace(record(11), record(12));
    source.wake?.();
    await settle();
    expect(seen).toEqual([
      [uuid(1), 1],
      [uuid(2), 2],
      [uuid(3), 3],
      [uuid(4), 4],
      [uuid(11), 1],
      [uuid(12), 2],
    ]);
    expect(errors).toHaveLength(1);
    const reset = errors[0];
    expect(reset).toBeInstanceOf(WatchResetError);
    expect(isWatchResetError(reset)).toBe(true);
    expect(isStorageError(reset)).toBe(true);
    expect(reset).toMatchObject({ afterSeq: 4, end: 2, store: "array", path: "/in/memory" });
    // Then it follows the new store as any other: no gap, no second report.
    source.append(record(13));
    source.wake?.();
    await settle();
    expect(seen.at(-1)).toEqual([uuid(13), 3]);
    expect(errors).toHaveLength(1);
  });

  it("a store replaced by an empty one is reported, and its first record is delivered", async () => {
    const source = new ArraySource({ dense: true });
    source.append(record(1), record(2));
    const { seen, errors, listener, onError } = recorder();
    running.push(runWatch(source, listener, { fromSeq: 0, onError }));
    await settle();
    source.replace();
    source.wake?.();
    await settle();
    expect(errors).toEqual([expect.objectContaining({ code: "WATCH_RESET", afterSeq: 2, end: 0 })]);
    source.append(record(21));
    source.wake?.();
    await settle();
    expect(seen.map(([id, seq]) => [id, seq])).toEqual([
      [uuid(1), 1],
      [uuid(2), 2],
      [uuid(21), 1],
    ]);
    expect(errors).toHaveLength(1);
  });

  it("a source that is not dense cannot tell: no error", async () => {
    const source = new ArraySource({ dense: false });
    source.append(record(1), record(2), record(3));
    const { errors, listener, onError } = recorder();
    running.push(runWatch(source, listener, { fromSeq: 0, onError }));
    await settle();
    source.replace(record(31));
    source.wake?.();
    await settle();
    expect(errors).toEqual([]);
  });

  it("a source that tells it was replaced (positions not gone back) is followed from its start", async () => {
    const reads: WatchRead[] = [
      { entries: [1, 2].map((n) => ({ seq: n, record: record(n) })), end: 2 },
      {
        entries: [1, 2, 3].map((n) => ({ seq: n, record: record(40 + n) })),
        end: 3,
        replaced: true,
      },
    ];
    let wake: () => void = () => {};
    const source: WatchSource = {
      dense: true,
      pollMs: undefined,
      end: () => 0,
      readAfter: () => reads.shift() ?? { entries: [] },
      listen: (waker) => {
        wake = waker;
        return () => {};
      },
    };
    const { seen, errors, listener, onError } = recorder();
    running.push(runWatch(source, listener, { fromSeq: 0, onError }));
    await settle();
    wake();
    await settle();
    expect(seen.map(([, seq]) => seq)).toEqual([1, 2, 1, 2, 3]);
    expect(seen.slice(2).map(([id]) => id)).toEqual([uuid(41), uuid(42), uuid(43)]);
    expect(errors).toEqual([expect.objectContaining({ code: "WATCH_RESET", afterSeq: 2, end: 3 })]);
  });
});
