import type { EventRecord } from "@phaser/events-core";

/**
 * One audit's records, each once: a record can come both in the audit's
 * snapshot and on the stream, so records are kept by `id`, in the order they
 * were first seen (a snapshot's order, then the stream's, which is store order).
 */
export class AuditEvents {
  readonly #ids = new Set<string>();
  #records: EventRecord[] = [];
  /** The position of each record that came live, by id. */
  readonly #seqs = new Map<string, number>();
  /** Whether the audit's snapshot has been merged in (before that, only live records are here). */
  loaded = false;

  get records(): readonly EventRecord[] {
    return this.#records;
  }

  /** Adds what is new of `records` (at `seq` when one came live); returns how many were new. */
  add(records: readonly EventRecord[], seq?: number): number {
    let added = 0;
    for (const record of records) {
      if (seq !== undefined) this.#seqs.set(record.id, seq);
      if (this.#ids.has(record.id)) continue;
      this.#ids.add(record.id);
      if (added === 0) this.#records = [...this.#records];
      this.#records.push(record);
      added += 1;
    }
    return added;
  }

  /**
   * Merges a snapshot: its records (store order) first, then those only seen
   * live, which were stored after it.
   */
  merge(snapshot: readonly EventRecord[]): void {
    const live = this.#records;
    this.#ids.clear();
    this.#records = [];
    this.add(snapshot);
    this.add(live);
    this.loaded = true;
  }

  /**
   * Takes a snapshot read again (records were removed from the store) in
   * one step: its records, then those that came live after its `position`.
   * What is shown stays until then: the table neither empties nor jumps.
   */
  replace(snapshot: readonly EventRecord[], position: number): void {
    const after = this.#records.filter((record) => (this.#seqs.get(record.id) ?? 0) > position);
    this.#ids.clear();
    this.#records = [];
    this.add(snapshot);
    this.add(after);
    for (const id of this.#seqs.keys()) if (!this.#ids.has(id)) this.#seqs.delete(id);
    this.loaded = true;
  }
}
