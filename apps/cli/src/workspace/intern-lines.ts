import type { LineHashes } from "./line-hashes.js";
import type { Pacer } from "./pacer.js";

/** Lines handled between two chances to yield. */
export const CHUNK = 1 << 16;

/** Runs `body(from, to)` over `[0, length)` in chunks, letting `pacer` yield between them. */
export async function inChunks(
  length: number,
  pacer: Pacer,
  body: (from: number, to: number) => void,
): Promise<void> {
  for (let from = 0; from < length; from += CHUNK) {
    const to = Math.min(length, from + CHUNK);
    body(from, to);
    await pacer.step(to - from);
  }
}

/** Two files' lines as small integers: equal lines, equal numbers, numbered 0, 1, 2… */
export interface InternedLines {
  readonly a: Int32Array;
  readonly b: Int32Array;
  /** How many distinct lines: every number is below it. */
  readonly distinct: number;
}

/**
 * Numbers the distinct lines of `a` and `b`, so that later steps index typed
 * arrays instead of hashing. An open-addressing table of typed arrays, not a
 * `Map`: 53-bit keys are heap numbers in V8, and a `Map` of them is some ten
 * times slower and allocates for every line. The table grows with the
 * distinct lines, at most half full.
 */
export async function internLines(
  a: LineHashes,
  b: LineHashes,
  pacer: Pacer,
): Promise<InternedLines> {
  const table = new LineTable();
  const numberAll = (lines: LineHashes) => {
    const ids = new Int32Array(lines.length);
    return inChunks(lines.length, pacer, (from, to) => {
      for (let i = from; i < to; i++) ids[i] = table.id(lines[i] as number);
    }).then(() => ids);
  };
  const ia = await numberAll(a);
  const ib = await numberAll(b);
  return { a: ia, b: ib, distinct: table.size };
}

class LineTable {
  #keys = new Float64Array(1024);
  #ids = new Int32Array(1024).fill(-1);
  #mask = 1023;
  size = 0;

  /** The number of `key`, a new one the first time it is seen. */
  id(key: number): number {
    let slot = (key | 0) & this.#mask; // low 32 bits: 21 mixed bits of one hash, 11 of the other
    for (;;) {
      const id = this.#ids[slot] as number;
      if (id === -1) break;
      if (this.#keys[slot] === key) return id;
      slot = (slot + 1) & this.#mask;
    }
    this.#keys[slot] = key;
    this.#ids[slot] = this.size;
    if (++this.size * 2 > this.#mask) this.#grow();
    return this.size - 1;
  }

  #grow(): void {
    const keys = this.#keys;
    const ids = this.#ids;
    this.#mask = keys.length * 2 - 1;
    this.#keys = new Float64Array(keys.length * 2);
    this.#ids = new Int32Array(keys.length * 2).fill(-1);
    for (let slot = 0; slot < keys.length; slot++) {
      const id = ids[slot] as number;
      if (id === -1) continue;
      let to = ((keys[slot] as number) | 0) & this.#mask;
      while (this.#ids[to] !== -1) to = (to + 1) & this.#mask;
      this.#keys[to] = keys[slot] as number;
      this.#ids[to] = id;
    }
  }
}
