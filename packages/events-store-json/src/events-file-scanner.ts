import { readSync } from "node:fs";
import { type ByteSource, isWhitespace } from "./byte-source.js";
import type { Entry } from "./entry.js";
import { CorruptStoreError } from "./errors/corrupt-store-error.js";
import { locate, locateJsonError } from "./json-error-position.js";
import { isTornTail, MAX_TORN_BYTES } from "./torn-tail.js";

/** The elements of `events` read in one go. */
export interface Elements {
  readonly entries: Entry[];
  readonly tailStart: number;
  readonly torn: boolean;
}

/** The entry of one element of `events`: its value, its bytes' extent, its index in the array. */
export type EntryOf = (value: unknown, start: number, end: number, index: number) => Entry;

/**
 * The JSON of an events file, read forward through a {@link ByteSource}: a
 * value with its bytes, and the elements of an array, each parsed on its
 * own, one line at a time where the file has the store's layout. Its
 * refusals say where the bytes stop being JSON; a failure inside `events`
 * that looks like a writer's torn append is reported as a torn tail instead.
 */
export class EventsFileScanner {
  readonly #src: ByteSource;
  readonly #fd: number;
  readonly #shown: string;
  readonly #size: number;
  readonly #entryOf: EntryOf;
  /** Only this store's own layout (a current file, `version` before `events`) can have a torn tail. */
  #tornAllowed = false;

  constructor(src: ByteSource, fd: number, shown: string, size: number, entryOf: EntryOf) {
    this.#src = src;
    this.#fd = fd;
    this.#shown = shown;
    this.#size = size;
    this.#entryOf = entryOf;
  }

  /**
   * The elements of an array from the current position (just after `[`, or
   * at the end of the last element read before) up to and including `]`.
   */
  elements(hasPrevious: boolean, firstIndex: number, tornAllowed = true): Elements {
    const src = this.#src;
    const entries: Entry[] = [];
    this.#tornAllowed = tornAllowed;
    let tailStart = src.offset;
    let index = firstIndex;
    const fail = (at: number, expected: string) =>
      this.tornOr(tailStart, hasPrevious || entries.length > 0, entries, at, expected);
    for (;;) {
      let c = src.skipWhitespace();
      if (c === 0x5d) {
        src.pos++;
        return { entries, tailStart, torn: false };
      }
      if (hasPrevious || entries.length > 0) {
        if (c !== 0x2c) return fail(src.offset, "',' or ']'");
        src.pos++;
        c = src.skipWhitespace();
      }
      if (c === -1) return fail(src.offset, "a record");
      const element = this.#element();
      if (element === undefined) return fail(src.offset, "a complete record");
      entries.push(this.#entryOf(element.value, element.start, element.end, index++));
      tailStart = element.end;
    }
  }

  /** A failure inside `events`: a torn tail when the bytes after the last element look like one, else a refusal. */
  tornOr(
    tailStart: number,
    afterElement: boolean,
    entries: Entry[],
    at: number,
    expected: string,
  ): Elements {
    const length = this.#size - tailStart;
    if (this.#tornAllowed && length <= MAX_TORN_BYTES) {
      const rest = Buffer.alloc(length);
      readSync(this.#fd, rest, 0, length, tailStart);
      if (isTornTail(rest, afterElement)) return { entries, tailStart, torn: true };
    }
    throw this.syntax(at, expected);
  }

  /** Parses the value at the current position, with its bytes; a refusal when it is not JSON. */
  parse(what: string): { value: unknown; raw: Buffer } {
    const src = this.#src;
    const end = src.valueEnd();
    if (end === -1) throw this.syntax(this.#size, `${what} (the file ends inside it)`);
    const text = src.buf.toString("utf8", src.pos, end);
    try {
      const value = JSON.parse(text);
      const raw = Buffer.from(src.buf.subarray(src.pos, end));
      src.pos = end;
      return { value, raw };
    } catch (error) {
      const within = locateJsonError(text)?.offset ?? 0;
      throw this.syntax(
        src.offset + Buffer.byteLength(text.slice(0, within)),
        (error as Error).message,
      );
    }
  }

  /** The refusal of bytes that are not what the grammar expects at `offset`, with its line and column. */
  syntax(offset: number, expected: string): CorruptStoreError {
    const { line, column } = locate(this.#fd, offset);
    const found = offset >= this.#size ? "the end of the file" : "something else";
    return this.refuse(
      `invalid JSON at position ${offset} (line ${line}, column ${column}): expected ${expected}, found ${found}; ${this.#size} bytes read`,
    );
  }

  /** The refusal of the file, for `reason`. */
  refuse(reason: string): CorruptStoreError {
    return new CorruptStoreError(this.#shown, reason);
  }

  /**
   * One element: the line it starts when it starts one (the store's layout:
   * one `JSON.parse` of the line), else its scanned extent (other layouts:
   * a whole file on one line, an indented record over several lines).
   */
  #element(): { value: unknown; start: number; end: number } | undefined {
    const src = this.#src;
    if (!src.newline) return this.#scanned();
    let nl = src.buf.indexOf(0x0a, src.pos);
    while (nl === -1) {
      const from = src.buf.length - src.pos;
      if (!src.more()) break;
      nl = src.buf.indexOf(0x0a, src.pos + from);
    }
    let end = nl === -1 ? src.buf.length : nl;
    while (end > src.pos && isWhitespace(src.buf[end - 1] as number)) end--;
    if (src.buf[end - 1] === 0x2c) end--;
    const start = src.offset;
    try {
      const value = JSON.parse(src.buf.toString("utf8", src.pos, end));
      src.pos = end;
      return { value, start, end: src.offsetOf(end) };
    } catch {
      return this.#scanned();
    }
  }

  #scanned(): { value: unknown; start: number; end: number } | undefined {
    const src = this.#src;
    const scanned = src.valueEnd();
    if (scanned === -1) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(src.buf.toString("utf8", src.pos, scanned));
    } catch {
      return undefined;
    }
    const start = src.offset;
    src.pos = scanned;
    return { value, start, end: src.offsetOf(scanned) };
  }
}
