import type { Entry, EventDocument } from "./event-file.js";

const SEPARATOR = ",\n    ";
const TAIL = Buffer.from("\n  ]\n}\n");
/** Segments are merged into one once there are more than this many. */
const MAX_SEGMENTS = 16;

/**
 * Encodes documents for writing, keeping the bytes of the `events` array
 * between writes. The file is usually rewritten because entries were appended:
 * then only the new entries are encoded, into a new segment, and the earlier
 * segments are written again as they are. A write so costs the JSON of what
 * changed, not a join and a UTF-8 encoding of the whole log. Anything other
 * than an append (a removal, a reload) starts the segments afresh.
 */
export class DocumentEncoder {
  #segments: Buffer[] = [];
  /** How many entries the segments hold, and the last of them. */
  #count = 0;
  #last: Entry | undefined;

  /**
   * The file's bytes for `doc`, in chunks: the root on a few lines, then one
   * event per line, so the file stays readable and diffable.
   */
  encode(doc: EventDocument): Buffer[] {
    const { entries } = doc;
    const head = headOf(doc);
    if (entries.length === 0) {
      this.#reset();
      return [Buffer.from(`${head},\n  "events": []\n}\n`)];
    }
    // Entries are only ever appended or filtered out, so when the entry the
    // segments end with is still at that position, nothing before it changed.
    if (entries.length < this.#count || entries[this.#count - 1] !== this.#last) this.#reset();
    if (entries.length > this.#count) {
      const added = entries
        .slice(this.#count)
        .map((entry) => entry.json)
        .join(SEPARATOR);
      this.#segments.push(Buffer.from(this.#count === 0 ? added : SEPARATOR + added));
      if (this.#segments.length > MAX_SEGMENTS) this.#segments = [Buffer.concat(this.#segments)];
      this.#count = entries.length;
      this.#last = entries[entries.length - 1];
    }
    return [Buffer.from(`${head},\n  "events": [\n    `), ...this.#segments, TAIL];
  }

  #reset(): void {
    this.#segments = [];
    this.#count = 0;
    this.#last = undefined;
  }
}

/** `{` and the root fields before `events`, without a trailing comma. */
function headOf(doc: EventDocument): string {
  const head = [`  "version": ${doc.version}`];
  for (const [key, value] of Object.entries(doc.extras)) {
    head.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  }
  return `{\n${head.join(",\n")}`;
}
