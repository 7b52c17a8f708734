import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupCommit } from "../src/store-kit.js";
import { type Deferred, deferred, nextTurn } from "./helpers.js";

// Full size in CI (`.ci/run` sets PHASER_FULL_TRIALS=1); a fifth of it in `pnpm test`.
const RUNS = process.env.PHASER_FULL_TRIALS === "1" ? 500 : 100;

interface Write<T> {
  readonly items: readonly T[];
  readonly done: Deferred<void>;
}

/** A `write` that waits to be released by hand, remembering what each call carried. */
function manualWrite<T>() {
  const writes: Write<T>[] = [];
  const write = (items: readonly T[]) => {
    const done = deferred();
    writes.push({ items: [...items], done });
    return done.promise;
  };
  return { writes, write };
}

/** Where each call's promise stands. */
function track(promise: Promise<void>) {
  const state: { settled: "pending" | "resolved" | "rejected"; error?: unknown } = {
    settled: "pending",
  };
  promise.then(
    () => {
      state.settled = "resolved";
    },
    (error: unknown) => {
      state.settled = "rejected";
      state.error = error;
    },
  );
  return state;
}

describe("groupCommit", () => {
  it("writes the calls of one turn together, and those that arrive meanwhile in the next write, in call order", async () => {
    const { writes, write } = manualWrite<string>();
    const commit = groupCommit(write);
    const first = [commit(["a"]), commit(["b"])].map(track);
    expect(writes).toHaveLength(0); // a microtask later, so that the calls of this turn join
    await Promise.resolve();
    expect(writes.map((w) => w.items)).toEqual([["a", "b"]]);
    const rest = [commit(["c"]), commit(["d", "e"]), commit(["f"])].map(track);
    await nextTurn();
    expect(writes).toHaveLength(1); // nobody else writes while the first is in flight

    writes[0]?.done.resolve();
    await nextTurn();
    expect(first.map((s) => s.settled)).toEqual(["resolved", "resolved"]);
    expect(rest.map((s) => s.settled)).toEqual(["pending", "pending", "pending"]);
    expect(writes.map((w) => w.items)).toEqual([
      ["a", "b"],
      ["c", "d", "e", "f"],
    ]);

    writes[1]?.done.resolve();
    await nextTurn();
    expect(rest.map((s) => s.settled)).toEqual(["resolved", "resolved", "resolved"]);
    expect(writes).toHaveLength(2);
  });

  it("starts a new write for a call made once everything is written", async () => {
    const written: string[][] = [];
    const commit = groupCommit(async (items: readonly string[]) => {
      written.push([...items]);
    });
    await commit(["a"]);
    await commit(["b"]);
    await Promise.all([commit(["c"]), commit(["d"])]);
    await commit(["e"]);
    expect(written).toEqual([["a"], ["b"], ["c", "d"], ["e"]]);
  });

  it("a failed write rejects exactly its own calls; the next write goes on", async () => {
    const failure = new Error("disk full");
    const { writes, write } = manualWrite<string>();
    const commit = groupCommit(write, { maxSize: 2, sizeOf: () => 1 });
    const a = track(commit(["a"]));
    await Promise.resolve(); // "a" is written alone
    const [b, c, d] = [commit(["b"]), commit(["c"]), commit(["d"])].map(track);
    writes[0]?.done.resolve();
    await nextTurn();
    expect(writes.map((w) => w.items)).toEqual([["a"], ["b", "c"]]);
    writes[1]?.done.reject(failure);
    await nextTurn();
    expect(writes.map((w) => w.items)).toEqual([["a"], ["b", "c"], ["d"]]);
    writes[2]?.done.resolve();
    await nextTurn();
    expect([a, b, c, d].map((s) => s?.settled)).toEqual([
      "resolved",
      "rejected",
      "rejected",
      "resolved",
    ]);
    expect(b?.error).toBe(failure);
    expect(c?.error).toBe(failure);
    const e = track(commit(["e"]));
    await Promise.resolve();
    expect(writes.at(-1)?.items).toEqual(["e"]);
    writes.at(-1)?.done.resolve();
    await nextTurn();
    expect(e.settled).toBe("resolved");
  });

  it("a write that throws synchronously rejects its calls too", async () => {
    const commit = groupCommit<string>((items) => {
      if (items.includes("bad")) throw new TypeError("sync");
      return Promise.resolve();
    });
    await expect(commit(["bad"])).rejects.toThrow("sync");
    await expect(commit(["good"])).resolves.toBeUndefined();
  });

  it("with maxSize, calls join a write only while the total fits", async () => {
    const { writes, write } = manualWrite<number>();
    const commit = groupCommit(write, { maxSize: 6, sizeOf: (n) => n });
    const calls = [[1], [3], [3], [2, 1], [5], [10], [1], [6]].map((items) => track(commit(items)));
    await Promise.resolve();
    for (let released = 0; released < writes.length; ) {
      writes[released++]?.done.resolve();
      await nextTurn();
    }
    // The first write too: the calls of one turn join it while the total fits.
    expect(writes.map((w) => w.items)).toEqual([[1, 3], [3, 2, 1], [5], [10], [1], [6]]);
    expect(calls.every((s) => s.settled === "resolved")).toBe(true);
  });

  it("never splits a call, never exceeds maxSize but for a call alone, and keeps call order (property)", async () => {
    const step = fc.array(fc.array(fc.nat(12), { minLength: 1, maxLength: 3 }), { maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 15 }),
        fc.array(step, { maxLength: 6 }),
        async (maxSize, steps) => {
          const { writes, write } = manualWrite<number>();
          const commit = groupCommit(write, { maxSize, sizeOf: (n) => n });
          const calls: (readonly number[])[] = [];
          const states: ReturnType<typeof track>[] = [];
          let released = 0;
          const releaseOne = async () => {
            if (released < writes.length) writes[released++]?.done.resolve();
            await nextTurn();
          };
          for (const batch of steps) {
            for (const items of batch) {
              calls.push(items);
              states.push(track(commit(items)));
            }
            await releaseOne();
          }
          while (released < writes.length) await releaseOne();

          expect(states.every((s) => s.settled === "resolved")).toBe(true);
          expect(writes.flatMap((w) => w.items)).toEqual(calls.flat());
          // Each write is a run of whole calls: rebuild them from the calls in order.
          let next = 0;
          for (const { items } of writes) {
            const group: (readonly number[])[] = [];
            let length = 0;
            while (length < items.length) {
              const call = calls[next++] as readonly number[];
              group.push(call);
              length += call.length;
            }
            expect(length).toBe(items.length);
            const size = items.reduce((sum, n) => sum + n, 0);
            if (group.length > 1) expect(size).toBeLessThanOrEqual(maxSize);
          }
          expect(next).toBe(calls.length);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it.each([0, -1, Number.NaN])("refuses maxSize %s with a RangeError", (maxSize) => {
    expect(() => groupCommit(async () => {}, { maxSize, sizeOf: () => 1 })).toThrow(RangeError);
  });

  it("refuses maxSize without sizeOf with a TypeError", () => {
    expect(() => groupCommit(async () => {}, { maxSize: 10 })).toThrow(TypeError);
    expect(() => groupCommit(async () => {}, { maxSize: Number.POSITIVE_INFINITY })).not.toThrow();
  });
});
