import { readSync } from "node:fs";
import { ByteSource } from "./byte-source.js";
import { classify, Entry } from "./entry.js";
import { UnsupportedVersionError } from "./errors/unsupported-version-error.js";
import type { EventsFile, RootMember } from "./events-file-reader.js";
import { type Elements, EventsFileScanner } from "./events-file-scanner.js";
import type { FileIdentity } from "./file-identity.js";
import { describe } from "./json-error-position.js";
import { assignSeqs, checkSeqRuns, SEQ_RUNS, type SeqRun } from "./seq-runs.js";

/** Bytes before `tailStart` kept to check that an append in place left them alone. */
export const ANCHOR = 32;

/** What the root holds, before its `seq_runs` are checked and positions given. */
interface RootParts {
  readonly members: RootMember[];
  readonly runsValue: unknown;
  readonly events: Elements;
  readonly eventsLast: boolean;
}

/**
 * The grammar of an events file, read forward through a {@link ByteSource}
 * (its JSON read by an {@link EventsFileScanner}): the root's members (each
 * kept as its bytes), and the elements of `events`, each parsed on its own,
 * one line at a time where the file has the store's layout. Refuses what is
 * not an events file; reports a torn tail.
 */
export class EventsFileParser {
  readonly #src: ByteSource;
  readonly #scan: EventsFileScanner;
  readonly #fd: number;
  readonly #shown: string;
  readonly #current: number;
  #version: number | undefined;

  constructor(fd: number, shown: string, size: number, current: number, from = 0) {
    this.#fd = fd;
    this.#shown = shown;
    this.#current = current;
    this.#src = new ByteSource(fd, from, size);
    this.#scan = new EventsFileScanner(this.#src, fd, shown, size, (value, start, end, index) =>
      this.#entry(value, start, end, index),
    );
  }

  root(path: string, identity: FileIdentity): EventsFile {
    const first = this.#src.skipWhitespace();
    if (first === -1) throw this.#scan.refuse("the file is empty (truncated?)");
    if (first !== 0x5b && first !== 0x7b) {
      const { value } = this.#scan.parse("a value");
      throw this.#scan.refuse(`the root is ${describe(value)}, not an object or a version-0 array`);
    }
    const { members, runsValue, events, eventsLast } =
      first === 0x5b ? this.#arrayRoot() : this.#objectRoot();
    const version = this.#version as number;
    if (version > this.#current)
      throw new UnsupportedVersionError(this.#shown, version, this.#current);
    let runs: SeqRun[] | undefined;
    if (runsValue !== undefined) {
      const problem = checkSeqRuns(runsValue);
      if (problem !== undefined) throw this.#scan.refuse(problem);
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
      result = this.#scan.elements(hasPrevious, firstIndex);
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

  /** A version-0 root (at its `[`): the array of events alone. */
  #arrayRoot(): RootParts {
    const src = this.#src;
    this.#version = 0;
    src.pos++;
    const events = this.#scan.elements(false, 0, false);
    if (!events.torn && src.skipWhitespace() !== -1)
      throw this.#scan.syntax(src.offset, "the end of the file");
    return { members: [], runsValue: undefined, events, eventsLast: true };
  }

  /**
   * An object root (at its `{`): its members in order, each name once;
   * `version` a whole number this store reads, `events` an array.
   */
  #objectRoot(): RootParts {
    const src = this.#src;
    const scan = this.#scan;
    src.pos++;
    const members: RootMember[] = [];
    let runsValue: unknown;
    let events: Elements | undefined;
    let eventsLast = false;
    const seen = new Set<string>();
    let version: unknown;
    let notArray: string | undefined;
    for (let index = 0; ; index++) {
      let c = src.skipWhitespace();
      if (index === 0 && c === 0x7d) break;
      if (c !== 0x22) throw scan.syntax(src.offset, 'a member name (")');
      const key = scan.parse("a member name").value as string;
      if (seen.has(key)) throw scan.refuse(`the root has the member ${JSON.stringify(key)} twice`);
      seen.add(key);
      if (src.skipWhitespace() !== 0x3a) throw scan.syntax(src.offset, "':'");
      src.pos++;
      c = src.skipWhitespace();
      if (key === "events" && c === 0x5b) {
        if (typeof version === "number") this.#version = version;
        src.pos++;
        events = scan.elements(false, 0, this.#version === this.#current);
        if (events.torn) {
          eventsLast = true;
          break;
        }
        eventsLast = true;
      } else {
        const { value, raw } = scan.parse("a value");
        if (key === "events") notArray = `"events" must be an array, found ${describe(value)}`;
        eventsLast = false;
        if (key === "version") version = value;
        else if (key === SEQ_RUNS) runsValue = value;
        else members.push({ key, raw, value });
      }
      c = src.skipWhitespace();
      if (c === -1 && eventsLast && events !== undefined) {
        events = scan.tornOr(
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
      throw scan.syntax(src.offset, "',' or '}'");
    }
    if (!events?.torn) {
      if (src.skipWhitespace() !== -1) throw scan.syntax(src.offset, "the end of the file");
    }
    if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
      throw scan.refuse(
        `"version" must be a whole number of 1 or more, found ${describe(version)}`,
      );
    }
    this.#version = version;
    if (version > this.#current)
      throw new UnsupportedVersionError(this.#shown, version, this.#current);
    if (notArray !== undefined) throw scan.refuse(notArray);
    if (events === undefined) throw scan.refuse(`"events" must be an array, found nothing`);
    return { members, runsValue, events, eventsLast };
  }

  #entry(value: unknown, start: number, end: number, index: number): Entry {
    if (this.#version !== this.#current)
      return new Entry(undefined, start, end, 0, undefined, value);
    const { record, problem } = classify(value, index);
    return new Entry(record, start, end, 0, problem, record === undefined ? value : undefined);
  }
}
