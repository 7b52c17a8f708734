import type { Entry, EventDocument } from "./event-file.js";

const SEPARATOR = ",\n    ";
const TAIL = Buffer.from("\n  ]\n}\n");
/** Segments are merged into the prefix once there are more than this many. */
const MAX_SEGMENTS = 16;

/**
 * Encodes documents for writing, keeping the bytes of what it wrote between
 * writes. The file is usually rewritten because entries were appended: then
 * only the new entries are encoded, into a new segment, and the earlier bytes
 * are written again as they are. A write so costs the JSON of what changed,
 * not a join and a UTF-8 encoding of the whole log. Anything other than an
 * append (a removal, a reload) starts afresh.
 */
export class DocumentEncoder {
  /** The root's head and the first `#count` entries, without a trailing separator. */
  #prefix: Buffer | undefined;
  /** Entries appended since, each segment starting with a separator. */
  #segments: Buffer[] = [];
  #count = 0;
  /** The last entry the bytes hold. */
  #last: Entry | undefined;

  /**
   * The file's bytes for `doc`, in chunks: the root on a few lines, then one
   * event per line, so the file stays readable and diffable.
   */
  encode(doc: EventDocument): Buffer[] {
    const { entries } = doc;
    if (entries.length === 0) {
      this.#reset();
      return [Buffer.from(`${headOf(doc)},\n  "events": []\n}\n`)];
    }
    if (!extendsEntries(entries, this.#count, this.#last)) this.#reset();
    if (entries.length > this.#count) {
      const added = entries
        .slice(this.#count)
        .map((entry) => entry.json)
        .join(SEPARATOR);
      if (this.#prefix === undefined) {
        this.#prefix = Buffer.from(`${headOf(doc)},\n  "events": [\n    ${added}`);
      } else {
        this.#segments.push(Buffer.from(SEPARATOR + added));
        if (this.#segments.length > MAX_SEGMENTS) {
          this.#prefix = Buffer.concat([this.#prefix, ...this.#segments]);
          this.#segments = [];
        }
      }
      this.#count = entries.length;
      this.#last = entries[entries.length - 1];
    }
    return [this.#prefix as Buffer, ...this.#segments, TAIL];
  }

  /**
   * Takes `file`, the bytes `entries` were read from, as the encoding of those
   * entries, so that appending to a file just opened costs no JSON.stringify
   * of what it holds (its original formatting is kept). The caller has checked
   * that `events` is the root's last member; declines, returning false, when
   * the bytes do not end with `] }`.
   */
  adopt(entries: readonly Entry[], file: Buffer): boolean {
    const end = closingBracket(file);
    if (end === undefined || entries.length === 0) return false;
    this.#prefix = file.subarray(0, lastNonSpace(file, end - 1) + 1);
    this.#segments = [];
    this.#count = entries.length;
    this.#last = entries[entries.length - 1];
    return true;
  }

  #reset(): void {
    this.#prefix = undefined;
    this.#segments = [];
    this.#count = 0;
    this.#last = undefined;
  }
}

/**
 * True when `entries` begin with the `count` entries whose last is `last`.
 * Entries are only ever appended or filtered out, so when `last` is still at
 * its position, nothing before it changed.
 */
export function extendsEntries(entries: readonly Entry[], count: number, last: Entry | undefined) {
  return count > 0 && entries.length >= count && entries[count - 1] === last;
}

/** `{` and the root fields before `events`, without a trailing comma. */
function headOf(doc: EventDocument): string {
  const head = [`  "version": ${doc.version}`];
  for (const [key, value] of Object.entries(doc.extras)) {
    head.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  }
  return `{\n${head.join(",\n")}`;
}

const WHITESPACE = new Set([0x20, 0x0a, 0x0d, 0x09]);

function lastNonSpace(bytes: Buffer, from: number): number {
  let i = from;
  while (i >= 0 && WHITESPACE.has(bytes[i] as number)) i--;
  return i;
}

/** Where the `]` before the root's closing `}` is, when the file ends with `] }`. */
function closingBracket(file: Buffer): number | undefined {
  const brace = lastNonSpace(file, file.length - 1);
  if (file[brace] !== 0x7d) return undefined; // }
  const bracket = lastNonSpace(file, brace - 1);
  return file[bracket] === 0x5d ? bracket : undefined; // ]
}
