/**
 * Text files up to this size get line counts. A file is kept as one number
 * per line (8 bytes), not as text: a 16 MiB file of 40-byte lines costs
 * 3 MiB, and hashing it about 30 ms. Bigger files, and binary ones, are
 * compared by digest only and report 0 lines added and removed.
 */
export const MAX_COUNTED_BYTES = 16 * 1024 * 1024;

/** And up to this many lines (16 MiB of hashes): a file of short lines costs no more. */
export const MAX_COUNTED_LINES = 2 * 1024 * 1024;

/**
 * A file's lines in order, each as a 53-bit hash (a safe integer, so it is a
 * `Map` key and compares with `===`). A line is the bytes up to and including
 * `\n`, the last one without it: the tokens of jsdiff's `diffLines`, so
 * `a` and `a\n` differ and `\r\n` ends a line. Two different lines collide
 * with probability about 2⁻⁵³ per pair: for a file of a million distinct
 * lines, about one chance in 20,000 that one pair counts as equal.
 */
export type LineHashes = Float64Array;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const MURMUR_M = 0x5bd1e995;
const NEWLINE = 10;

/** MurmurHash3's 32-bit finaliser: spreads every input bit over the output. */
function fmix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Hashes the lines of a file fed to it in chunks of any size. Stops (and
 * {@link finish} returns `null`) at the first NUL byte, which marks a binary
 * file as it does for git, or past `maxBytes` or `maxLines`.
 */
export class LineHasher {
  readonly #maxBytes: number;
  readonly #maxLines: number;
  #h1 = FNV_OFFSET;
  #h2 = 0;
  #length = 0;
  #bytes = 0;
  #hashes = new Float64Array(256);
  #count = 0;
  #text = true;

  constructor(maxBytes = MAX_COUNTED_BYTES, maxLines = MAX_COUNTED_LINES) {
    this.#maxBytes = maxBytes;
    this.#maxLines = maxLines;
  }

  /** False once the file turned out binary or too big: later chunks are skipped. */
  get counting(): boolean {
    return this.#text;
  }

  update(chunk: Uint8Array): void {
    if (!this.#text) return;
    this.#bytes += chunk.length;
    if (this.#bytes > this.#maxBytes || chunk.includes(0)) {
      this.#stop();
      return;
    }
    let h1 = this.#h1;
    let h2 = this.#h2;
    let length = this.#length;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      // Two independent 32-bit hashes: FNV-1a, and a rotate-xor-multiply whose low bits depend on every byte.
      h1 = Math.imul(h1 ^ byte, FNV_PRIME);
      h2 = Math.imul(((h2 << 13) | (h2 >>> 19)) ^ byte, MURMUR_M);
      length++;
      if (byte === NEWLINE) {
        this.#push(h1, h2, length);
        h1 = FNV_OFFSET;
        h2 = 0;
        length = 0;
      }
    }
    this.#h1 = h1;
    this.#h2 = h2;
    this.#length = length;
    if (this.#count > this.#maxLines) this.#stop();
  }

  /** The line hashes, or `null` for a binary file or one over the size bound. */
  finish(): LineHashes | null {
    if (!this.#text) return null;
    if (this.#length > 0) this.#push(this.#h1, this.#h2, this.#length);
    this.#length = 0;
    if (this.#count > this.#maxLines) return null;
    return this.#hashes.slice(0, this.#count);
  }

  #stop(): void {
    this.#text = false;
    this.#hashes = new Float64Array(0);
  }

  #push(h1: number, h2: number, length: number): void {
    if (this.#count === this.#hashes.length) {
      const bigger = new Float64Array(this.#hashes.length * 2);
      bigger.set(this.#hashes);
      this.#hashes = bigger;
    }
    // 32 bits of one and 21 of the other: a safe integer.
    const high = fmix(h1 ^ length);
    const low = fmix(h2 + Math.imul(length, 0x9e3779b1)) >>> 11;
    this.#hashes[this.#count++] = high * 0x200000 + low;
  }
}

/** The line hashes of a whole text (UTF-8), or `null` if it holds a NUL or passes a bound. */
export function hashLines(
  text: string | Uint8Array,
  maxBytes = Number.POSITIVE_INFINITY,
  maxLines = Number.POSITIVE_INFINITY,
): LineHashes | null {
  const hasher = new LineHasher(maxBytes, maxLines);
  hasher.update(typeof text === "string" ? Buffer.from(text, "utf8") : text);
  return hasher.finish();
}
