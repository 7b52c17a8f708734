import type { AuditRow, AuditRowsBuilder } from "@phaser/events-analysis";
import type { EventRecord, EventStorage } from "@phaser/events-core";
import { rowsMessage } from "./sse-message.js";
import type { RowsChange, RowsSubscriber, StoreFollowerOptions } from "./store-follower.js";
import { storedCounts } from "./stored-counts.js";

/**
 * The follower's audit rows checked against the store, which the watch does
 * not tell of removals: on demand, and every `recheckMs` while any client
 * follows the rows. Keeps, per audit, the position of the last record
 * applied and the ids a rebuild read, so that a record the watch delivers
 * is not counted twice and a row is judged only once the store's read holds
 * every record of it the row counts.
 */
export class RowsRecheck {
  readonly #storage: EventStorage;
  readonly #rows: AuditRowsBuilder;
  readonly #options: StoreFollowerOptions;
  readonly #start: number;
  /** The position of the last record applied (the follower's). */
  readonly #position: () => number;
  readonly #subscribers = new Set<RowsSubscriber>();
  /**
   * Per audit whose row a recheck rebuilt: the ids of the records that
   * rebuild read, until the watch delivers one of its records beyond them
   * (as the follower's snapshot ids do for the start).
   */
  readonly #rebuiltIds = new Map<string, Set<string>>();
  /** The position of the last record applied per audit (absent: only records from the start's snapshot). */
  readonly #auditSeq = new Map<string, number>();
  /**
   * Starts at the follower's start time in ms, not 0: a page that followed an earlier server (the
   * same store cleared meanwhile, or another store on the same port) holds another version, and
   * asks for the rows again.
   */
  #version = Date.now();
  #recheck: Promise<void> | undefined;
  /** When the last recheck ended (`performance.now()`). */
  #recheckedAt = Number.NEGATIVE_INFINITY;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(
    storage: EventStorage,
    rows: AuditRowsBuilder,
    options: StoreFollowerOptions,
    start: number,
    position: () => number,
  ) {
    this.#storage = storage;
    this.#rows = rows;
    this.#options = options;
    this.#start = start;
    this.#position = position;
  }

  /** The rows' version: one more for each recheck that changed the rows. */
  get version(): number {
    return this.#version;
  }

  /** The recheck in progress, if any. */
  get running(): Promise<void> | undefined {
    return this.#recheck;
  }

  /** See `StoreFollower.subscribeRows`. */
  subscribe(subscriber: RowsSubscriber): () => void {
    this.#subscribers.add(subscriber);
    if (this.#timer === undefined && !this.#stopped) {
      this.#timer = setInterval(() => void this.recheck(0), this.#options.recheckMs);
      this.#timer.unref();
    }
    return () => {
      this.#subscribers.delete(subscriber);
      if (this.#subscribers.size === 0) this.#stopTimer();
    };
  }

  /** See `StoreFollower.recheck`. */
  recheck(maxAgeMs: number): Promise<void> {
    if (this.#recheck !== undefined) return this.#recheck;
    if (this.#stopped || performance.now() - this.#recheckedAt < maxAgeMs) return Promise.resolve();
    this.#recheck = this.#checkRows()
      .catch((error: unknown) =>
        this.#options.onError(error instanceof Error ? error : new Error(String(error))),
      )
      .finally(() => {
        this.#recheck = undefined;
        this.#recheckedAt = performance.now();
      });
    return this.#recheck;
  }

  /** No more rechecks, and no subscriber told again (a recheck in progress, `running`, stops after its next read). */
  stop(): void {
    this.#stopped = true;
    this.#stopTimer();
    this.#subscribers.clear();
  }

  /** Notes that the watch delivered a record of `auditId` at `seq`. */
  applied(auditId: string, seq: number): void {
    this.#auditSeq.set(auditId, seq);
  }

  /**
   * Whether `record` came in the read of a rebuild of its row; that read is
   * forgotten once the watch delivers a record of the audit it lacks.
   */
  inRebuild(record: EventRecord): boolean {
    const rebuilt = this.#rebuiltIds.get(record.audit_id);
    if (rebuilt === undefined) return false;
    if (rebuilt.has(record.id)) return true;
    this.#rebuiltIds.delete(record.audit_id);
    return false;
  }

  #stopTimer(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /**
   * An audit's row is judged only when no record of it was applied after
   * `from`, the position taken before the store was read: the read then
   * holds every record of it the row counts, unless they were removed.
   */
  async #checkRows(): Promise<void> {
    const from = this.#position();
    const settled = (auditId: string) => (this.#auditSeq.get(auditId) ?? this.#start) <= from;
    const counts = await storedCounts(this.#storage);
    const removed: string[] = [];
    const shrunk: string[] = [];
    for (const row of this.#rows.rows()) {
      if (!settled(row.auditId)) continue;
      const count = counts.get(row.auditId);
      if (count === undefined) removed.push(row.auditId);
      else if (count < row.eventCount) shrunk.push(row.auditId);
    }
    const updated: AuditRow[] = [];
    for (const auditId of shrunk) {
      const records = await this.#storage.getEvents({ auditId });
      if (this.#stopped) return;
      if (!settled(auditId)) continue; // records came meanwhile: the next check judges it
      if (records.length === 0) {
        removed.push(auditId);
        continue;
      }
      this.#rows.delete(auditId);
      for (const record of records) this.#rows.add(record);
      this.#rebuiltIds.set(auditId, new Set(records.map((record) => record.id)));
      updated.push(this.#rows.get(auditId) as AuditRow);
    }
    if (this.#stopped) return;
    // Judged again: a record of it may have come while the rebuilds read (an audit that goes on after a clear).
    const gone = removed.filter(settled);
    for (const auditId of gone) {
      this.#rows.delete(auditId);
      this.#auditSeq.delete(auditId);
      this.#rebuiltIds.delete(auditId);
    }
    if (gone.length === 0 && updated.length === 0) return;
    this.#version += 1;
    const change: RowsChange = { version: this.#version, removed: gone, updated };
    const message = rowsMessage(change);
    for (const subscriber of this.#subscribers) subscriber(change, message);
  }
}
