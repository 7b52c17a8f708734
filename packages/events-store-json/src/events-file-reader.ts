import { closeSync, readSync } from "node:fs";
import { ByteSource, isWhitespace } from "./byte-source.js";
import { classify, Entry } from "./entry.js";
import { CorruptStoreError } from "./errors/corrupt-store-error.js";
import { UnsupportedVersionError } from "./errors/unsupported-version-error.js";
import { type FileIdentity, identityOf, openRegular } from "./file-identity.js";
import { locateJsonError } from "./json-error-position.js";
import { assignSeqs, checkSeqRuns, SEQ_RUNS, type SeqRun } from "./seq-runs.js";
import { isTornTail } from "./torn-tail.js";

/** A root field other than `version`, `seq_runs` and `events`: kept as its bytes. */
export interface RootMember {
  readonly key: string;
  readonly raw: Buffer;
  readonly value: unknown;
}

/** The events file, understood. Records are not held as text: rewrites copy their bytes. */
export interface EventsFile {
  /** The real file read (symlinks resolved). */
  readonly path: string;
  readonly identity: FileIdentity;
  /** The format version (0 for a bare array). */
  readonly version: number;
  readonly members: readonly RootMember[];
  readonly runs: readonly SeqRun[] | undefined;
  /** The elements (the store keeps them; a watch keeps none). */
  readonly entries: Entry[];
  /** How many elements the file holds. */
  readonly count: number;
  /** The position the next appended element gets. */
  readonly nextSeq: number;
  /** `events` is the root's last member, so the file ends with its closing bytes. */
  readonly eventsLast: boolean;
  /** The byte just after the last complete element (after `[` when there is none). */
  readonly tailStart: number;
  /** The file ends inside `events` after `tailStart`: a writer's torn append, repaired by the next writer. */
  readonly torn: boolean;
  /** The last bytes before `tailStart`, to check an append in place kept them. */
  readonly anchor: Buffer;
}

const ANCHOR = 32;

/**
 * Reads the events file at `path` (already resolved, see `resolveEventsPath`)
 * record by record, never as one string: `null` when it does not exist.
 * Records are validated when the file is at `current`; an older file's
 * elements keep their parsed values for a migration. A file that is not an
 * events file (invalid JSON, a wrong root, duplicated root keys) is refused
 * with `CorruptStoreError`, a newer one with `UnsupportedVersionError`;
 * a torn tail of this store's layout is reported, not refused.
 */
export function readEventsFile(path: string, current: number, shown = path): EventsFile | null {
  const opened = openRegular(path, shown);
  if (opened === null) return null;
  try {
    return new Reader(opened.fd, shown, opened.stats.size, current).root(
      path,
      identityOf(opened.stats),
    );
  } finally {
    closeSync(opened.fd);
  }
}

/**
 * Reads what was appended in place after `previous` was read: `changed` when
 * the file is not `previous` plus appended elements (rewritten, replaced,
 * shrunk). Costs the new bytes only. While an append is incomplete the
 * result is `torn`, with the complete elements before the tear. With `keep`,
 * the new entries are added to `previous.entries` too.
 */
export function readAppended(
  previous: EventsFile,
  current: number,
  shown = previous.path,
  keep = true,
): { file: EventsFile; added: Entry[] } | "changed" {
  let opened: ReturnType<typeof openRegular>;
  try {
    opened = openRegular(previous.path, shown);
  } catch {
    return "changed";
  }
  if (opened === null) return "changed";
  try {
    const { fd, stats } = opened;
    const prev = previous.identity;
    if (stats.ino !== prev.ino || stats.dev !== prev.dev || stats.size < previous.tailStart)
      return "changed";
    if (!previous.eventsLast || previous.version !== current) return "changed";
    const anchor = Buffer.alloc(previous.anchor.length);
    readSync(fd, anchor, 0, anchor.length, previous.tailStart - anchor.length);
    if (!anchor.equals(previous.anchor)) return "changed";
    const reader = new Reader(fd, shown, stats.size, current, previous.tailStart);
    const added = reader.appended(previous.count > 0, previous.count);
    if (added === "changed") return added;
    let seq = previous.nextSeq;
    for (const entry of added.entries) entry.seq = seq++;
    if (keep) for (const entry of added.entries) previous.entries.push(entry);
    const file: EventsFile = {
      ...previous,
      identity: identityOf(stats),
      entries: keep ? previous.entries : [],
      count: previous.count + added.entries.length,
      nextSeq: seq,
      tailStart: added.tailStart,
      torn: added.torn,
      anchor: reader.anchorBefore(added.tailStart),
    };
    return { file, added: added.entries };
  } catch {
    return "changed";
  } finally {
    closeSync(opened.fd);
  }
}

interface Elements {
  readonly entries: Entry[];
  readonly tailStart: number;
  readonly torn: boolean;
}

class Reader {
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
    for (;;) {
      let c = src.skipWhitespace();
      const failAt = src.offset;
      if (c === 0x5d) {
        src.pos++;
        return { entries, tailStart, torn: false };
      }
      if (hasPrevious || entries.length > 0) {
        if (c !== 0x2c)
          return this.#tornOr(
            tailStart,
            hasPrevious || entries.length > 0,
            entries,
            failAt,
            "',' or ']'",
          );
        src.pos++;
        c = src.skipWhitespace();
      }
      if (c === -1)
        return this.#tornOr(
          tailStart,
          hasPrevious || entries.length > 0,
          entries,
          src.offset,
          "a record",
        );
      const element = this.#element();
      if (element === undefined)
        return this.#tornOr(
          tailStart,
          hasPrevious || entries.length > 0,
          entries,
          src.offset,
          "a complete record",
        );
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
    if (this.#tornAllowed && length <= 1 << 20) {
      const rest = Buffer.alloc(length);
      readSync(this.#fd, rest, 0, length, tailStart);
      if (isTornTail(rest.toString("latin1"), afterElement))
        return { entries, tailStart, torn: true };
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

/** 1-based line and column (in bytes) of a byte offset, counted from the file. */
function locate(fd: number, offset: number): { line: number; column: number } {
  const chunk = Buffer.allocUnsafe(1 << 16);
  let line = 1;
  let lineStart = 0;
  for (let at = 0; at < offset; ) {
    const n = readSync(fd, chunk, 0, Math.min(chunk.length, offset - at), at);
    if (n === 0) break;
    for (let i = chunk.indexOf(0x0a); i !== -1 && i < n; i = chunk.indexOf(0x0a, i + 1)) {
      line++;
      lineStart = at + i + 1;
    }
    at += n;
  }
  return { line, column: offset - lineStart + 1 };
}

export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}
