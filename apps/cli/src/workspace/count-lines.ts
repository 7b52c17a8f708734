import { inChunks, internLines } from "./intern-lines.js";
import type { LineHashes } from "./line-hashes.js";
import { type Budget, editDistance } from "./myers.js";
import { Pacer } from "./pacer.js";
import { longestIncreasing } from "./patience.js";

/** `file_modified`'s counts. */
export interface LineCounts {
  readonly lines_added: number;
  readonly lines_removed: number;
}

export interface CountOptions {
  /** Rejects with the signal's reason (an `AbortError`) soon after it aborts. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Steps the exact diff may take, once for the whole file and once more for
   * the fallback's gaps. Tests lower it to reach the fallback with small inputs.
   */
  readonly budget?: number | undefined;
}

/**
 * About 8 million steps, some 60 ms: enough for an exact diff of two files
 * that differ by up to about 2,900 lines among the lines both have (lines
 * only one side has cost nothing, see below).
 */
export const DIFF_BUDGET = 1 << 23;

/**
 * Lines added and removed going from `before` to `after`, as a line diff
 * (jsdiff's `diffLines`, git's `--numstat`) counts them: `lines_removed` is
 * `before`'s lines outside a longest common subsequence, `lines_added` is
 * `after`'s. Linear memory; at most 2 × {@link DIFF_BUDGET} steps of exact
 * diffing, the rest linear or n log n; it yields to the event loop as it goes.
 *
 * 1. The common prefix and suffix are matched.
 * 2. Lines that only one side has are dropped: no common subsequence can
 *    use them, so this changes nothing, and a rewrite where every line
 *    changed (the 20,000-line CSV) costs no more than reading it.
 * 3. Myers' algorithm finds the exact edit distance of what is left.
 * 4. If that passes the budget (many edits among repeated or moved lines),
 *    a patience diff takes over: the lines found exactly once on each side
 *    are matched in their longest increasing order (n log n), and the gaps
 *    between them are diffed exactly while a second budget lasts, else
 *    matched by their common prefix and suffix.
 *
 * What the counts mean when the budget is hit (step 4): they count a real
 * diff that turns `before` into `after`, as git's heuristics do, though maybe
 * not a minimal one. So they are never below the exact counts, never below
 * the multiset difference (a line `after` has k more times than `before` is
 * counted added at least k times), never above the files' line counts, and
 * `lines_added − lines_removed` is always exactly the change in line count.
 * For moved unique lines (a CSV sorted another way) they are exact.
 */
export async function countLineChanges(
  before: LineHashes,
  after: LineHashes,
  options: CountOptions = {},
): Promise<LineCounts> {
  const pacer = new Pacer(options.signal);
  const budget = options.budget ?? DIFF_BUDGET;
  const start = matchEnds(before, after);
  let common = start.matched;
  if (start.a.length > 0 && start.b.length > 0) {
    const lines = await internLines(start.a, start.b, pacer);
    const inA = new Int32Array(lines.distinct);
    const inB = new Int32Array(lines.distinct);
    await inChunks(lines.a.length, pacer, (from, to) => tally(lines.a, from, to, inA));
    await inChunks(lines.b.length, pacer, (from, to) => tally(lines.b, from, to, inB));
    const a = await keepShared(lines.a, inB, pacer);
    const b = await keepShared(lines.b, inA, pacer);
    const distance = await editDistance(a, b, { left: budget }, pacer);
    common +=
      distance !== undefined
        ? (a.length + b.length - distance) / 2
        : await patienceLength(a, b, inA, inB, { left: budget }, pacer);
  }
  return { lines_added: after.length - common, lines_removed: before.length - common };
}

/** The common prefix and suffix: how many lines they match, and what is left between them. */
function matchEnds<T extends Float64Array | Int32Array>(a: T, b: T) {
  const shorter = Math.min(a.length, b.length);
  let start = 0;
  while (start < shorter && a[start] === b[start]) start++;
  let end = 0;
  while (end < shorter - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return {
    matched: start + end,
    a: a.subarray(start, a.length - end) as T,
    b: b.subarray(start, b.length - end) as T,
  };
}

function tally(lines: Int32Array, from: number, to: number, counts: Int32Array): void {
  for (let i = from; i < to; i++) {
    const line = lines[i] as number;
    counts[line] = (counts[line] as number) + 1;
  }
}

/** `lines` without those the other side does not have. */
async function keepShared(lines: Int32Array, other: Int32Array, pacer: Pacer) {
  const kept = new Int32Array(lines.length);
  let count = 0;
  await inChunks(lines.length, pacer, (from, to) => {
    for (let i = from; i < to; i++) {
      const line = lines[i] as number;
      if ((other[line] as number) > 0) kept[count++] = line;
    }
  });
  return kept.subarray(0, count);
}

/**
 * The length of a common subsequence of `a` and `b` (each holding only lines
 * the other has), as a patience diff builds it: the lines unique on both
 * sides in their longest increasing order, then each gap between two of them
 * diffed exactly while `budget` lasts, else matched by its prefix and suffix.
 */
async function patienceLength(
  a: Int32Array,
  b: Int32Array,
  inA: Int32Array,
  inB: Int32Array,
  budget: Budget,
  pacer: Pacer,
): Promise<number> {
  const whereInB = new Int32Array(inB.length).fill(-1);
  await inChunks(b.length, pacer, (from, to) => {
    for (let j = from; j < to; j++) {
      const line = b[j] as number;
      if (inA[line] === 1 && inB[line] === 1) whereInB[line] = j;
    }
  });
  const pairs: number[] = []; // [i, j, i, j…] of unique lines, in `a`'s order
  await inChunks(a.length, pacer, (from, to) => {
    for (let i = from; i < to; i++) {
      const j = whereInB[a[i] as number] as number;
      if (j !== -1) pairs.push(i, j);
    }
  });
  const anchors = await longestIncreasing(pairs, pacer);
  let common = anchors.length / 2;
  let ai = 0;
  let bj = 0;
  for (let p = 0; p <= anchors.length; p += 2) {
    const aEnd = p < anchors.length ? (anchors[p] as number) : a.length;
    const bEnd = p < anchors.length ? (anchors[p + 1] as number) : b.length;
    const gap = matchEnds(a.subarray(ai, aEnd), b.subarray(bj, bEnd));
    common += gap.matched;
    if (gap.a.length > 0 && gap.b.length > 0 && budget.left > 0) {
      const distance = await editDistance(gap.a, gap.b, budget, pacer);
      if (distance !== undefined) common += (gap.a.length + gap.b.length - distance) / 2;
    }
    ai = aEnd + 1;
    bj = bEnd + 1;
    if ((p & 0x1ffe) === 0) await pacer.step(0x1000);
  }
  return common;
}
