import type { EventRecord } from "@phaser/events-core";
import type { WatchEntry } from "@phaser/events-core/store-kit";

/**
 * Records in append order with their positions (1, 2, 3… never reused):
 * what a watch reads after its position. Removing records keeps the others'
 * positions, so a watch can tell what it missed.
 */
export class AppendLog {
  #seqs: number[] = [];
  #records: EventRecord[] = [];
  #last = 0;

  /** The last position handed out (0 before the first append). */
  get last(): number {
    return this.#last;
  }

  append(records: readonly EventRecord[]): void {
    for (const record of records) {
      this.#seqs.push(++this.#last);
      this.#records.push(record);
    }
  }

  /** The entries after position `after`, in order. */
  after(after: number): WatchEntry[] {
    const out: WatchEntry[] = [];
    for (let i = firstAfter(this.#seqs, after); i < this.#seqs.length; i++) {
      out.push({ seq: this.#seqs[i] as number, record: this.#records[i] });
    }
    return out;
  }

  remove(records: readonly EventRecord[]): void {
    if (records.length === 0) return;
    const gone = new Set(records);
    const seqs: number[] = [];
    const kept: EventRecord[] = [];
    for (let i = 0; i < this.#records.length; i++) {
      const record = this.#records[i] as EventRecord;
      if (gone.has(record)) continue;
      seqs.push(this.#seqs[i] as number);
      kept.push(record);
    }
    this.#seqs = seqs;
    this.#records = kept;
  }
}

/** First index whose position is greater than `after`. */
function firstAfter(seqs: readonly number[], after: number): number {
  let lo = 0;
  let hi = seqs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((seqs[mid] as number) <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
