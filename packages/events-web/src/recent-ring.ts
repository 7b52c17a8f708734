/** One delivered record as the server keeps it: serialized once, sent as is to every client. */
export interface RecentEntry {
  readonly seq: number;
  /** The record as JSON. */
  readonly recordJson: string;
  /** The whole Server-Sent Events message (`id`, `event`, `data`, blank line). */
  readonly message: string;
}

export interface RecentRingLimits {
  /** At most this many entries. */
  readonly maxEntries: number;
  /** At most about this many characters of JSON and messages (the newest entry is always kept). */
  readonly maxChars: number;
}

/**
 * The most recent records the shared watch delivered, bounded by count and by
 * size, so the server's memory stays flat however many events pass. It knows
 * the position it covers from (`floor`): every delivered record after
 * `floor` is in it, so a client at or after `floor` resumes from here, and
 * one before it needs a read of the store.
 */
export class RecentRing {
  readonly #limits: RecentRingLimits;
  /** Kept entries from `#head`; the slots before it are emptied as entries drop, so they can be collected. */
  #entries: (RecentEntry | undefined)[] = [];
  #head = 0;
  #chars = 0;
  #floor: number;

  /** `start`: the position the follower started at (nothing after it is missing yet). */
  constructor(start: number, limits: RecentRingLimits) {
    this.#floor = start;
    this.#limits = limits;
  }

  /** Every record delivered after this position is in the ring. */
  get floor(): number {
    return this.#floor;
  }

  get size(): number {
    return this.#entries.length - this.#head;
  }

  /** Adds the newest entry, dropping the oldest beyond the limits. */
  push(entry: RecentEntry): void {
    this.#entries.push(entry);
    this.#chars += sizeOf(entry);
    while (
      this.size > 1 &&
      (this.size > this.#limits.maxEntries || this.#chars > this.#limits.maxChars)
    ) {
      const dropped = this.#entries[this.#head] as RecentEntry;
      this.#entries[this.#head++] = undefined;
      this.#chars -= sizeOf(dropped);
      this.#floor = dropped.seq;
    }
    // Compact once the emptied prefix is as long as what is kept: amortized O(1) per push.
    if (this.#head > 0 && this.#head >= this.size) {
      this.#entries = this.#entries.slice(this.#head);
      this.#head = 0;
    }
  }

  /** The entries after `seq`, oldest first, at most `limit`. Call with `seq >= floor`. */
  after(seq: number, limit = Number.POSITIVE_INFINITY): RecentEntry[] {
    const found: RecentEntry[] = [];
    for (let i = this.#firstAfter(seq); i < this.#entries.length && found.length < limit; i++) {
      found.push(this.#entries[i] as RecentEntry);
    }
    return found;
  }

  /** Binary search: the index of the first kept entry whose seq is above `seq`. */
  #firstAfter(seq: number): number {
    let low = this.#head;
    let high = this.#entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.#entries[mid] as RecentEntry).seq <= seq) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

function sizeOf(entry: RecentEntry): number {
  return entry.recordJson.length + entry.message.length;
}
