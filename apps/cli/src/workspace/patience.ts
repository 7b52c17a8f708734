import { CHUNK } from "./intern-lines.js";
import type { Pacer } from "./pacer.js";

/** A longest increasing run, being built: patience sorting's piles. */
interface Piles {
  /** `tails[len]`: the pair ending the best run of `len + 1` found so far. */
  readonly tails: Int32Array;
  /** `previous[p]`: the pair before pair `p` in its run, or -1. */
  readonly previous: Int32Array;
  length: number;
}

/**
 * The longest subsequence of `pairs` (flat `[i, j, i, j…]`, the `i`
 * increasing) whose `j` increase too, as flat pairs: patience sorting,
 * n log n, yielding between chunks.
 */
export async function longestIncreasing(pairs: readonly number[], pacer: Pacer): Promise<number[]> {
  const count = pairs.length / 2;
  const piles: Piles = {
    tails: new Int32Array(count),
    previous: new Int32Array(count),
    length: 0,
  };
  for (let from = 0; from < count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK);
    place(pairs, from, to, piles);
    await pacer.step((to - from) * 16);
  }
  const run = new Array<number>(2 * piles.length);
  let p = piles.length > 0 ? (piles.tails[piles.length - 1] as number) : -1;
  for (let at = piles.length - 1; at >= 0; at--) {
    run[2 * at] = pairs[2 * p] as number;
    run[2 * at + 1] = pairs[2 * p + 1] as number;
    p = piles.previous[p] as number;
  }
  return run;
}

function place(pairs: readonly number[], from: number, to: number, piles: Piles): void {
  const { tails, previous } = piles;
  for (let p = from; p < to; p++) {
    const j = pairs[2 * p + 1] as number;
    let lo = 0;
    let hi = piles.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((pairs[2 * (tails[mid] as number) + 1] as number) < j) lo = mid + 1;
      else hi = mid;
    }
    previous[p] = lo > 0 ? (tails[lo - 1] as number) : -1;
    tails[lo] = p;
    if (lo === piles.length) piles.length++;
  }
}
