import type { EventRecord } from "../src/index.js";
import {
  checkRecord,
  type WatchEntry,
  type WatchRead,
  type WatchSource,
} from "../src/store-kit.js";
import { type Deferred, makeRecord, nextTurn, uuid } from "./helpers.js";

/** Lets every pending read, listener and wake run to the end. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 6; i++) await nextTurn();
}

/** A checked record whose id is `uuid(n)`, of audit `auditId`. */
export function record(n: number, auditId = "audit-a"): EventRecord {
  return checkRecord(makeRecord({ id: uuid(n), audit_id: auditId }), "append");
}

export interface SourceOptions {
  readonly dense?: boolean;
  /** Default: undefined, no poll (only wakes drive the watch). */
  readonly pollMs?: number;
  /** `end()` answers through a promise. */
  readonly asyncEnd?: boolean;
  /** At most this many entries per read, with `more` set when there are more. */
  readonly page?: number;
  /** Every page says the store's last position as its `end`, not the page's. */
  readonly storeEndOnPages?: boolean;
}

/**
 * A store in an array: positions 1, 2, 3… in append order. `wake` is what its
 * `listen` was given; `fail` makes every read throw; `gate` holds the next
 * read (its answer is what was stored when it began) until released.
 */
export class ArraySource implements WatchSource {
  readonly entries: WatchEntry[] = [];
  readonly dense: boolean;
  readonly pollMs: number | undefined;
  readonly store = "array";
  readonly path = "/in/memory";
  last = 0;
  reads: { after: number; auditId: string | undefined }[] = [];
  fail: unknown;
  endGate: Deferred<void> | undefined;
  gate: Deferred<void> | undefined;
  wake: (() => void) | undefined;
  report: ((error: unknown) => void) | undefined;
  listening = false;
  readonly #options: SourceOptions;

  constructor(options: SourceOptions = {}) {
    this.#options = options;
    this.dense = options.dense ?? true;
    this.pollMs = options.pollMs;
  }

  append(...records: (EventRecord | undefined)[]): void {
    for (const record of records) this.entries.push({ seq: ++this.last, record });
  }

  /** Another store in its place (a file deleted and made anew): positions start again from 1. */
  replace(...records: EventRecord[]): void {
    this.entries.length = 0;
    this.last = 0;
    this.append(...records);
  }

  /** Removes positions, as a clear or retention would. */
  remove(...seqs: number[]): void {
    for (const seq of seqs) {
      const at = this.entries.findIndex((entry) => entry.seq === seq);
      if (at >= 0) this.entries.splice(at, 1);
    }
  }

  end(): number | Promise<number> {
    if (this.endGate !== undefined) return this.endGate.promise.then(() => this.last);
    return this.#options.asyncEnd === true ? Promise.resolve(this.last) : this.last;
  }

  readAfter(after: number, auditId: string | undefined): WatchRead | Promise<WatchRead> {
    this.reads.push({ after, auditId });
    if (this.fail !== undefined) throw this.fail;
    const found = this.entries.filter((entry) => entry.seq > after);
    const page = this.#options.page ?? found.length;
    const entries = found.slice(0, page);
    const more = found.length > page;
    // A page's end is its last position: the loop reads every position up to `end` as handed out.
    const pageEnd = this.#options.storeEndOnPages === true ? this.last : entries.at(-1)?.seq;
    const end = more ? (pageEnd ?? after) : this.last;
    const read: WatchRead = { entries, end: this.dense ? end : undefined, more };
    const gate = this.gate;
    if (gate === undefined) return read;
    this.gate = undefined;
    return gate.promise.then(() => read);
  }

  listen(wake: () => void, report: (error: unknown) => void): () => void {
    this.wake = wake;
    this.report = report;
    this.listening = true;
    return () => {
      this.listening = false;
    };
  }
}

/** A listener that records what it is given, and the errors the watch reports. */
export function recorder() {
  const seen: [string, number][] = [];
  const errors: Error[] = [];
  return {
    seen,
    errors,
    listener: (r: EventRecord, position: { seq: number }) => {
      seen.push([r.id, position.seq]);
    },
    onError: (error: Error) => {
      errors.push(error);
    },
  };
}
