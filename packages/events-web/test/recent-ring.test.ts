import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { type RecentEntry, RecentRing } from "../src/recent-ring.js";

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

function entry(seq: number, chars = 10): RecentEntry {
  return { seq, recordJson: "x".repeat(chars), message: "" };
}

describe("RecentRing", () => {
  it("keeps at most maxEntries, and its floor is the newest position dropped", () => {
    const ring = new RecentRing(0, { maxEntries: 3, maxChars: 1_000 });
    for (let seq = 1; seq <= 5; seq += 1) ring.push(entry(seq));
    expect(ring.size).toBe(3);
    expect(ring.floor).toBe(2);
    expect(ring.after(2).map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(ring.after(4, 5).map((e) => e.seq)).toEqual([5]);
    expect(ring.after(3, 1).map((e) => e.seq)).toEqual([4]);
  });

  it("keeps at most about maxChars, and always the newest entry", () => {
    const ring = new RecentRing(0, { maxEntries: 100, maxChars: 25 });
    ring.push(entry(1));
    ring.push(entry(2));
    ring.push(entry(3));
    expect(ring.after(0).map((e) => e.seq)).toEqual([2, 3]);
    ring.push(entry(4, 100));
    expect(ring.after(0).map((e) => e.seq)).toEqual([4]);
    expect(ring.floor).toBe(3);
  });

  it("lets a dropped entry be collected at once, not when the ring next compacts", async () => {
    const ring = new RecentRing(0, { maxEntries: 4, maxChars: 1_000_000 });
    const dropped = (() => {
      const first = entry(1, 1_000);
      ring.push(first);
      return new WeakRef(first);
    })();
    for (let seq = 2; seq <= 6; seq += 1) ring.push(entry(seq));
    expect(ring.floor).toBe(2);
    // A WeakRef holds its target until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(dropped.deref()).toBeUndefined();
    expect(ring.after(0).map((e) => e.seq)).toEqual([3, 4, 5, 6]);
  });
});
