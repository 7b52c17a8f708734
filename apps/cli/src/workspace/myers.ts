import type { Pacer } from "./pacer.js";

/** Steps an exact diff may still take; shared by the calls that draw on it. */
export interface Budget {
  left: number;
}

/** Steps run synchronously between two chances to yield: about a millisecond. */
const SLICE = 1 << 18;

/**
 * The fewest lines to delete and insert to turn `a` into `b` (Myers' greedy
 * O((N+M)·D) algorithm), or `undefined` once it has used up `budget`, which
 * it draws down by the steps it took (a step: a diagonal visited or a line
 * matched along it).
 */
export async function editDistance(
  a: Int32Array,
  b: Int32Array,
  budget: Budget,
  pacer: Pacer,
): Promise<number | undefined> {
  if (a.length === 0 || b.length === 0) return a.length + b.length;
  const search = new MyersSearch(a, b);
  while (search.distance === undefined) {
    if (budget.left <= 0) return undefined;
    const spent = search.run(Math.min(SLICE, budget.left));
    budget.left -= spent;
    await pacer.step(spent);
  }
  return search.distance;
}

/**
 * Myers' search, resumable: {@link run} works synchronously for a bounded
 * number of steps and picks up where it stopped. (The loop lives in a plain
 * method because V8 optimises hot loops in async functions poorly.) Only the
 * furthest point reached on each diagonal is kept, not the edit script: the
 * memory is one `Int32Array` of 2·(N + M) + 3 entries.
 */
class MyersSearch {
  readonly #a: Int32Array;
  readonly #b: Int32Array;
  readonly #offset: number;
  readonly #v: Int32Array;
  #d = 0;
  #k = 0;
  distance: number | undefined;

  constructor(a: Int32Array, b: Int32Array) {
    this.#a = a;
    this.#b = b;
    this.#offset = a.length + b.length + 1;
    this.#v = new Int32Array(2 * this.#offset + 1);
  }

  /** Runs until the distance is found or `limit` steps are spent; returns the steps spent. */
  run(limit: number): number {
    const a = this.#a;
    const b = this.#b;
    const v = this.#v;
    const offset = this.#offset;
    const n = a.length;
    const m = b.length;
    let steps = 0;
    let d = this.#d;
    let k = this.#k;
    for (; d <= n + m; d++, k = -d) {
      for (; k <= d; k += 2) {
        const down = v[offset + k + 1] as number;
        const right = (v[offset + k - 1] as number) + 1;
        let x = k === -d || (k !== d && right - 1 < down) ? down : right;
        let y = x - k;
        const from = x;
        while (x < n && y < m && a[x] === b[y]) {
          x++;
          y++;
        }
        steps += x - from + 1;
        v[offset + k] = x;
        if (x >= n && y >= m) {
          this.distance = d;
          return steps;
        }
        if (steps >= limit) {
          this.#d = d;
          this.#k = k + 2;
          return steps;
        }
      }
    }
    this.distance = n + m; // not reached: d = n + m always ends the search
    return steps;
  }
}
