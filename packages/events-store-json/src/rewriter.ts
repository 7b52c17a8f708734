import { closeSync, openSync, readSync, statSync } from "node:fs";
import type { EventRecord } from "@phaser/events-core";
import { CLOSING, SEPARATOR } from "./appender.js";
import { writeFileAtomic } from "./atomic-write.js";
import { Entry } from "./entry.js";
import { ANCHOR } from "./events-file-parser.js";
import type { EventsFile, RootMember } from "./events-file-reader.js";
import { identityOf } from "./file-identity.js";
import type { HeldLock } from "./file-lock.js";
import { runsOf, SEQ_RUNS } from "./seq-runs.js";

/** One element of the new file: bytes of the old file, or new JSON. */
export type Piece =
  | { readonly kind: "copy"; readonly entry: Entry }
  | {
      readonly kind: "json";
      readonly json: string;
      readonly record: EventRecord | undefined;
      readonly seq: number;
    };

/** What a rewrite writes. */
export interface RewritePlan {
  readonly version: number;
  readonly members: readonly RootMember[];
  readonly pieces: readonly Piece[];
  /** The position the next appended element gets. */
  readonly nextSeq: number;
}

const WINDOW = 4 << 20;

/**
 * Replaces the events file at `path` with `plan`, atomically and durably
 * (temp file, fsync, rename, folder fsync). Kept elements are copied from
 * `source` (the current file, read sequentially) byte for byte; root members
 * keep their bytes too. `seq_runs` is written when the positions are not
 * 1, 2, 3…, so every survivor keeps its position. Resolves with the new file.
 */
export async function rewriteEventsFile(
  path: string,
  source: string | null,
  plan: RewritePlan,
  lock: HeldLock,
): Promise<EventsFile> {
  const seqs = plan.pieces.map((piece) => (piece.kind === "copy" ? piece.entry.seq : piece.seq));
  const runs = runsOf(seqs, plan.nextSeq);
  const head = [`  "version": ${plan.version}`];
  if (runs !== undefined) head.push(`  "${SEQ_RUNS}": ${JSON.stringify(runs)}`);
  const headBytes: Buffer[] = [Buffer.from(`{\n${head.join(",\n")}`)];
  for (const member of plan.members) {
    headBytes.push(Buffer.from(`,\n  ${JSON.stringify(member.key)}: `), member.raw);
  }
  headBytes.push(Buffer.from(`,\n  "events": [`));
  const entries: Entry[] = [];
  let at = headBytes.reduce((sum, b) => sum + b.length, 0);
  const fd = source === null ? undefined : openSync(source, "r");
  const window = new Window(fd);
  try {
    const chunks = function* (): Generator<Uint8Array> {
      yield* headBytes;
      for (const [index, piece] of plan.pieces.entries()) {
        const separator = index === 0 ? "\n    " : SEPARATOR;
        yield Buffer.from(separator);
        at += separator.length;
        const bytes =
          piece.kind === "copy"
            ? window.read(piece.entry.start, piece.entry.end)
            : Buffer.from(piece.json);
        const record = piece.kind === "copy" ? piece.entry.record : piece.record;
        const problem = piece.kind === "copy" ? piece.entry.problem : undefined;
        entries.push(new Entry(record, at, at + bytes.length, seqs[index] as number, problem));
        at += bytes.length;
        yield bytes;
      }
      yield Buffer.from(CLOSING);
    };
    lock.verify();
    await writeFileAtomic(path, coalesce(chunks()));
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const tailStart = at;
  const anchor = Buffer.alloc(Math.min(ANCHOR, tailStart));
  const check = openSync(path, "r");
  try {
    readSync(check, anchor, 0, anchor.length, tailStart - anchor.length);
  } finally {
    closeSync(check);
  }
  return {
    path,
    identity: identityOf(statSync(path)),
    version: plan.version,
    members: plan.members,
    runs,
    entries,
    count: entries.length,
    nextSeq: plan.nextSeq,
    eventsLast: true,
    tailStart,
    torn: false,
    anchor,
  };
}

/** Joins small chunks into writes of about 1 MiB. */
function* coalesce(chunks: Iterable<Uint8Array>): Generator<Uint8Array> {
  let pending: Uint8Array[] = [];
  let size = 0;
  for (const chunk of chunks) {
    pending.push(chunk);
    size += chunk.length;
    if (size >= 1 << 20) {
      yield Buffer.concat(pending);
      pending = [];
      size = 0;
    }
  }
  if (pending.length > 0) yield Buffer.concat(pending);
}

/** Reads byte ranges of a file in increasing order through a large window. */
class Window {
  #buf = Buffer.alloc(0);
  #start = 0;
  readonly #fd: number | undefined;

  constructor(fd: number | undefined) {
    this.#fd = fd;
  }

  read(start: number, end: number): Buffer {
    if (this.#fd === undefined) throw new Error("no source file to copy from");
    if (start < this.#start || end > this.#start + this.#buf.length) {
      const size = Math.max(WINDOW, end - start);
      const buf = Buffer.allocUnsafe(size);
      let read = 0;
      while (read < size) {
        const n = readSync(this.#fd, buf, read, size - read, start + read);
        if (n === 0) break;
        read += n;
      }
      this.#buf = buf.subarray(0, read);
      this.#start = start;
      if (end > start + read) throw new Error("the events file shrank during a rewrite");
    }
    // A view: a refill allocates a new window, so earlier views stay valid.
    return this.#buf.subarray(start - this.#start, end - this.#start);
  }
}
