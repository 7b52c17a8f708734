import { readSync } from "node:fs";
import { ByteSource, isWhitespace } from "./byte-source.js";
import { classify, Entry } from "./entry.js";
import { CorruptStoreError } from "./errors/corrupt-store-error.js";
import { UnsupportedVersionError } from "./errors/unsupported-version-error.js";
import type { EventsFile, RootMember } from "./events-file-reader.js";
import type { FileIdentity } from "./file-identity.js";
import { describe, locate, locateJsonError } from "./json-error-position.js";
import { assignSeqs, checkSeqRuns, SEQ_RUNS, type SeqRun } from "./seq-runs.js";
import { isTornTail, MAX_TORN_BYTES } from "./torn-tail.js";

/** Bytes before `tailStart` kept to check that an append in place left them alone. */
export const ANCHOR = 32;

/** The elements of `events` read in one go. */
export interface Elements {
  readonly entries: Entry[];
  readonly tailStart: number;
  readonly torn: boolean;
}

/**
 * The grammar of an events file, read forward through a {@link ByteSource}:
 * the root's members (each kept as its bytes), and the elements of `events`,
 * each parsed on its own, one line at a time where the file has the store's
 * layout. Refuses what is not an events file; reports a torn tail.
 */
export class EventsFileParser {
  readonly #src: ByteSource;
  readonly #fd: number;
  readonly #shown: string;
  readonly #size: number;
  readonly #current: number;
  #version: number | undefined;
  /** Only this store's own layout (a current file, `version` before `events`) can have a torn tail. */
  #tornAllowed = false;

  constructor(fd: number, shown: string, size: number, current: number, from = 0) {
    this.#fd = fd;
    this.#shown = shown;
    this.#size = size;
    this.#current = current;
    this.#src = new ByteSource(fd, from, size);
  }

  root(path: string, identity: FileIdentity): EventsFile {
    const src = this.#src;
    const first = src.skipWhitespace();
    if (first === -1) throw this.#refuse("the file is empty (truncated?)");
    let members: RootMember[] = [];
    let runsValue: unknown;
    let events: Elements | undefined;
    let eventsLast = false;
    if (first === 0x5b) {
      this.#version = 0;
      src.pos++;
      events = this.#elements(false, 0, false);
      eventsLast = true;
      if (!events.torn && src.skipWhitespace() !== -1)
        throw this.#syntax(src.offset, "the end of the file");
    } else if (first === 0x7b) {
      src.pos++;
      const seen = new Set<string>();
      let version: unknown;
      let notArray: string | undefined;
      for (let index = 0; ; index++) {
        let c = src.skipWhitespace();
        if (index === 0 && c === 0x7d) break;
        if (c !== 0x22) throw this.#syntax(src.offset, 'a member name (")');
        const key = this.#parse("a member name").value as string;
        if (seen.has(key))
          throw this.#refuse(`the root has the member ${JSON.stringify(key)} twice`);
        seen.add(key);
        if (src.skipWhitespace() !== 0x3a) throw this.#syntax(src.offset, "':'");
        src.pos++;
        c = src.skipWhitespace();
        if (key === "events" && c === 0x5b) {
          if (typeof version === "number") this.#version = version;
          src.pos++;
          events = this.#elements(false, 0, this.#version === this.#current);
          if (events.torn) {
            eventsLast = true;
            break;
          }
          eventsLast = true;
        } else {
          const { value, raw } = this.#parse("a value");
          if (key === "events") notArray = `"events" must be an array, found ${describe(value)}`;
          eventsLast = false;
          if (key === "version") version = value;
          else if (key === SEQ_RUNS) runsValue = value;
          else members.push({ key, raw, value });
        }
        c = src.skipWhitespace();
        if (c === -1 && eventsLast && events !== undefined) {
          events = this.#tornOr(
            events.tailStart,
            events.entries.length > 0,
            events.entries,
            src.offset,
            "'}'",
          );
          break; // the closing `}` is missing: torn, or refused above
        }
        if (c === 0x2c) {
          src.pos++;
          continue;
        }
        if (c === 0x7d) {
          src.pos++;
          break;
        }
        throw this.#syntax(src.offset, "',' or '}'");
      }
      if (!events?.torn) {
        if (src.skipWhitespace() !== -1) throw this.#syntax(src.offset, "the end of the file");
      }
      if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
        throw this.#refuse(
          `"version" must be a whole number of 1 or more, found ${describe(version)}`,
        );
      }
      this.#version = version;
      if (version > this.#current)
        throw new UnsupportedVersionError(this.#shown, version, this.#current);
      if (notArray !== undefined) throw this.#refuse(notArray);
      if (events === undefined) throw this.#refuse(`"events" must be an array, found nothing`);
    } else {
      const { value } = this.#parse("a value");
      throw this.#refuse(`the root is ${describe(value)}, not an object or a version-0 array`);
    }
    const version = this.#version as number;
    if (version > this.#current)
      throw new UnsupportedVersionError(this.#shown, version, this.#current);
    let runs: SeqRun[] | undefined;
    if (runsValue !== undefined) {
      const problem = checkSeqRuns(runsValue);
      if (problem !== undefined) throw this.#refuse(problem);
      runs = runsValue as SeqRun[];
    }
    let entries = events.entries;
    if (
      version === this.#current &&
      entries.some(
        (e) => e.value !== undefined && e.record === undefined && e.problem === undefined,
      )
    ) {
      entries = entries.map((e, i) =>
        e.problem === undefined && e.record === undefined
          ? this.#entry(e.value, e.start, e.end, i)
          : e,
      );
    }
    const nextSeq = assignSeqs(runs, entries.length, (i, seq) => {
      (entries[i] as Entry).seq = seq;
    });
    if (version === 0) members = [];
    return {
      path,
      identity,
      version,
      members,
      runs,
      entries,
      count: entries.length,
      nextSeq,
      eventsLast,
      tailStart: events.tailStart,
      torn: events.torn,
      anchor: this.anchorBefore(events.tailStart),
    };
  }

  /** The elements appended after `from` (see `readAppended`). */
  appended(hasPrevious: boolean, firstIndex: number): Elements | "changed" {
    this.#version = this.#current;
    let result: Elements;
    try {
      result = this.#elements(hasPrevious, firstIndex);
    } catch {
      return "changed";
    }
    if (result.torn) return result;
    const src = this.#src;
    if (src.skipWhitespace() !== 0x7d) return "changed";
    src.pos++;
    if (src.skipWhitespace() !== -1) return "changed";
    return result;
  }

  anchorBefore(offset: number): Buffer {
    const length = Math.min(ANCHOR, offset);
    const anchor = Buffer.alloc(length);
    if (length > 0) readSync(this.#fd, anchor, 0, length, offset - length);
    return anchor;
  }

  /**
   * The elements of an array from the current position (just after `[`, or
   * at the end of the last element read before) up to and including `]`.
   */
  #elements(hasPrevious: boolean, firstIndex: number, tornAllowed = true): Elements {
    const src = this.#src;
    const entries: Entry[] = [];
    this.#tornAllowed = tornAllowed;
    let tailStart = src.offset;
    let index = firstIndex;
    const fail = (at: number, expected: string) =>
      this.#tornOr(tailStart, hasPrevious || entries.length > 0, entries, at, expected);
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
      entries.push(this.#entry(element.value, element.start, element.end, index++));
      tailStart = element.end;
    }
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

  #entry(value: unknown, start: number, end: number, index: number): Entry {
    if (this.#version !== this.#current)
      return new Entry(undefined, start, end, 0, undefined, value);
    const { record, problem } = classify(value, index);
    return new Entry(record, start, end, 0, problem, record === undefined ? value : undefined);
  }

  /** A failure inside `events`: a torn tail when the bytes after the last element look like one, else a refusal. */
  #tornOr(
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
    throw this.#syntax(at, expected);
  }

  /** Parses the value at the current position, with its bytes; a refusal when it is not JSON. */
  #parse(what: string): { value: unknown; raw: Buffer } {
    const src = this.#src;
    const end = src.valueEnd();
    if (end === -1) throw this.#syntax(this.#size, `${what} (the file ends inside it)`);
    const text = src.buf.toString("utf8", src.pos, end);
    try {
      const value = JSON.parse(text);
      const raw = Buffer.from(src.buf.subarray(src.pos, end));
      src.pos = end;
      return { value, raw };
    } catch (error) {
      const within = locateJsonError(text)?.offset ?? 0;
      throw this.#syntax(
        src.offset + Buffer.byteLength(text.slice(0, within)),
        (error as Error).message,
      );
    }
  }

  #syntax(offset: number, expected: string): CorruptStoreError {
    const { line, column } = locate(this.#fd, offset);
    const found = offset >= this.#size ? "the end of the file" : "something else";
    return this.#refuse(
      `invalid JSON at position ${offset} (line ${line}, column ${column}): expected ${expected}, found ${found}; ${this.#size} bytes read`,
    );
  }

  #refuse(reason: string): CorruptStoreError {
    return new CorruptStoreError(this.#shown, reason);
  }
}
