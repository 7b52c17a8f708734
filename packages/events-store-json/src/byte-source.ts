import { readSync } from "node:fs";

const CHUNK = 1 << 20;
const WS = new Uint8Array(256);
for (const c of [0x20, 0x0a, 0x0d, 0x09]) WS[c] = 1;

/** True for JSON's four whitespace bytes. */
export const isWhitespace = (byte: number): boolean => WS[byte] === 1;

/**
 * The bytes of a file from some offset on, read forward in chunks through a
 * descriptor, so a reader never holds more than the part it is parsing (plus
 * one chunk). `buf[pos]` is the next byte; `offset` is its place in the file.
 */
export class ByteSource {
  buf: Buffer = Buffer.alloc(0);
  #store: Buffer = Buffer.alloc(0);
  pos = 0;
  #base: number;
  #next: number;
  readonly #end: number;
  readonly #fd: number;

  constructor(fd: number, from: number, end: number) {
    this.#fd = fd;
    this.#base = from;
    this.#next = from;
    this.#end = end;
  }

  /** The file offset of `buf[index]`. */
  offsetOf(index: number): number {
    return this.#base + index;
  }

  get offset(): number {
    return this.#base + this.pos;
  }

  /**
   * Reads more of the file after what `buf` holds, dropping the bytes before
   * `keep` (an index into `buf`, default `pos`). False at the end of the file.
   */
  more(keep = this.pos): boolean {
    if (this.#next >= this.#end) return false;
    const keptLength = this.buf.length - keep;
    const size = Math.min(this.#end - this.#next, Math.max(CHUNK, keptLength));
    // One buffer, reused while it is large enough: the bytes kept move to its front.
    let store = this.#store;
    if (store.length < keptLength + size) {
      store = Buffer.allocUnsafe(Math.max(keptLength + size, store.length * 2));
      this.buf.copy(store, 0, keep);
      this.#store = store;
    } else if (keep > 0) {
      this.buf.copy(store, 0, keep);
    }
    let read = 0;
    while (read < size) {
      const n = readSync(this.#fd, store, keptLength + read, size - read, this.#next + read);
      if (n === 0) break; // the file shrank while being read
      read += n;
    }
    this.#next += read;
    this.#base += keep;
    this.pos -= keep;
    this.buf = store.subarray(0, keptLength + read);
    return read > 0;
  }

  /** The next byte, reading more when needed; -1 at the end of the file. */
  peek(): number {
    if (this.pos >= this.buf.length && !this.more()) return -1;
    return this.buf[this.pos] as number;
  }

  /** Whether the last `skipWhitespace` passed a line break: the next value starts a line. */
  newline = false;

  /** Skips whitespace; returns the next byte (-1 at the end). */
  skipWhitespace(): number {
    this.newline = false;
    for (;;) {
      const byte = this.peek();
      if (byte === -1 || !isWhitespace(byte)) return byte;
      if (byte === 0x0a) this.newline = true;
      this.pos++;
    }
  }

  /**
   * The index in `buf` just after the JSON value starting at `pos` (its
   * extent only: the caller parses it), reading more as needed; -1 when the
   * file ends inside it. Keeps `buf` from `pos` on.
   */
  valueEnd(): number {
    const start = this.pos;
    let i = start;
    let depth = 0;
    let inString = false;
    for (;;) {
      if (i >= this.buf.length) {
        const shift = this.pos;
        if (!this.more(start)) return inString || depth > 0 || i === start ? -1 : i;
        i -= shift - this.pos;
        continue;
      }
      const c = this.buf[i] as number;
      if (inString) {
        if (c === 0x5c)
          i++; // backslash: skip the escaped byte
        else if (c === 0x22) {
          inString = false;
          if (depth === 0) return i + 1;
        }
      } else if (c === 0x22) inString = true;
      else if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        if (depth === 0) return i; // a scalar ended by the container's close
        depth--;
        if (depth === 0) return i + 1;
      } else if (depth === 0 && (c === 0x2c || isWhitespace(c))) return i;
      i++;
    }
  }
}
