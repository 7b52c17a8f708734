import { diffLines } from "diff";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countLineChanges } from "../src/workspace/count-lines.js";
import { hashLines, LineHasher } from "../src/workspace/line-hashes.js";

/** jsdiff's counts: a minimal line diff, the reference. */
function jsdiffCounts(before: string, after: string) {
  let lines_added = 0;
  let lines_removed = 0;
  for (const part of diffLines(before, after)) {
    if (part.added) lines_added += part.count;
    else if (part.removed) lines_removed += part.count;
  }
  return { lines_added, lines_removed };
}

function count(before: string, after: string, budget?: number) {
  const a = hashLines(before);
  const b = hashLines(after);
  if (a === null || b === null) throw new Error("not text");
  return countLineChanges(a, b, { budget });
}

/** Lines from a small alphabet, so texts share, repeat and move lines; some end without "\n". */
const text = fc
  .array(fc.constantFrom("a\n", "b\n", "c\n", "a", "\n", "d\r\n", "é\n", "a b\n"), {
    maxLength: 30,
  })
  .map((lines) => lines.join(""));

/** How many of each line a text has, for the multiset bound. */
function multiset(value: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of value.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  return counts;
}

describe("countLineChanges", () => {
  it("counts what jsdiff's minimal line diff counts", async () => {
    await fc.assert(
      fc.asyncProperty(text, text, async (before, after) => {
        expect(await count(before, after)).toEqual(jsdiffCounts(before, after));
      }),
      { numRuns: 500 },
    );
  });

  it("past its budget, still counts a real diff: between the exact and the whole-file counts, above the multiset difference", async () => {
    await fc.assert(
      fc.asyncProperty(text, text, fc.nat(40), async (before, after, budget) => {
        const got = await count(before, after, budget);
        const exact = jsdiffCounts(before, after);
        const a = multiset(before);
        const b = multiset(after);
        const surplus = (x: Map<string, number>, y: Map<string, number>) =>
          [...x].reduce((sum, [line, n]) => sum + Math.max(0, n - (y.get(line) ?? 0)), 0);
        const linesBefore = [...a.values()].reduce((s, n) => s + n, 0);
        const linesAfter = [...b.values()].reduce((s, n) => s + n, 0);
        expect(got.lines_added - got.lines_removed).toBe(linesAfter - linesBefore);
        expect(got.lines_added).toBeGreaterThanOrEqual(exact.lines_added);
        expect(got.lines_added).toBeGreaterThanOrEqual(surplus(b, a));
        expect(got.lines_removed).toBeGreaterThanOrEqual(surplus(a, b));
        expect(got.lines_removed).toBeLessThanOrEqual(linesBefore);
      }),
      { numRuns: 500 },
    );
  });

  it("is exact for shuffled unique lines even past its budget (the patience fallback)", async () => {
    const lines = Array.from({ length: 200 }, (_, i) => `row ${i}\n`);
    const moved = [...lines.slice(100), ...lines.slice(0, 100)];
    expect(await count(lines.join(""), moved.join(""), 0)).toEqual(
      jsdiffCounts(lines.join(""), moved.join("")),
    );
  });

  it("stops the exact search at its budget: repeated lines moved then count as a plain diff would", async () => {
    const before = "x\nx\ny\ny\n";
    const after = "y\ny\nx\nx\n";
    expect(await count(before, after)).toEqual({ lines_added: 2, lines_removed: 2 });
    expect(await count(before, after, 0)).toEqual({ lines_added: 4, lines_removed: 4 });
  });

  it("counts a 20,000-line rewrite, every line changed, and 20,000 lines moved and edited", async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i},${(i * 7919) % 10007},x\n`);
    const rewritten = rows.map((row) => row.replace(",x", ",y"));
    expect(await count(rows.join(""), rewritten.join(""))).toEqual({
      lines_added: 20_000,
      lines_removed: 20_000,
    });
    // Sorted by the second column: every line kept, moved. Past the budget; the fallback is exact here.
    const sorted = [...rows].sort((p, q) => Number(p.split(",")[1]) - Number(q.split(",")[1]));
    const result = await count(rows.join(""), sorted.join(""));
    expect(result.lines_added).toBe(result.lines_removed);
    expect(result.lines_added).toBeGreaterThan(19_000);
    expect(result.lines_added).toBeLessThan(20_000);
  });
});

describe("countLineChanges keeps the event loop turning", () => {
  // 20,000 moved lines: the exact diff spends its whole budget, then the fallback runs.
  const rows = Array.from({ length: 20_000 }, (_, i) => `${i},${(i * 7919) % 10007}\n`);
  const sorted = [...rows].sort((p, q) => Number(p.split(",")[1]) - Number(q.split(",")[1]));
  const before = hashLines(rows.join("")) as Float64Array;
  const after = hashLines(sorted.join("")) as Float64Array;

  /** Counts event-loop turns (setImmediate callbacks) until `done` settles; calls `onTurn` on each. */
  function turnsUntil(done: Promise<unknown>, onTurn: (turn: number) => void = () => {}) {
    let turns = 0;
    let settled = false;
    const turn = () => {
      if (settled) return;
      onTurn(++turns);
      setImmediate(turn);
    };
    setImmediate(turn);
    return done.then(
      () => {
        settled = true;
        return turns;
      },
      (error: unknown) => {
        settled = true;
        throw error;
      },
    );
  }

  it("yields while it counts", async () => {
    expect(await turnsUntil(countLineChanges(before, after))).toBeGreaterThan(4);
  });

  it("rejects with an AbortError once its signal aborts, mid-diff", async () => {
    const controller = new AbortController();
    const counting = countLineChanges(before, after, {
      signal: controller.signal,
    });
    const turns = turnsUntil(counting, (turn) => {
      if (turn === 3) controller.abort();
    });
    await expect(turns).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("LineHasher", () => {
  it("hashes lines the same whatever the chunks, and tells a final line without newline apart", () => {
    const whole = hashLines("one\ntwo\r\nthree");
    const hasher = new LineHasher();
    for (const piece of ["on", "e\ntw", "o\r", "\nthr", "ee"]) hasher.update(Buffer.from(piece));
    expect(hasher.finish()).toEqual(whole);
    expect(whole?.length).toBe(3);
    expect(hashLines("three\n")?.[0]).not.toBe(whole?.[2]);
    expect(hashLines("")).toEqual(new Float64Array(0));
  });

  it("gives up on a NUL byte (binary) and past its size bound", () => {
    expect(hashLines("a\0b")).toBeNull();
    expect(hashLines("a\nb\n", 3)).toBeNull();
    expect(hashLines("a\nb\n", 4)?.length).toBe(2);
  });
});
