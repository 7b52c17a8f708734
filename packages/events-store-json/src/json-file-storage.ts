import { join, resolve } from "node:path";
import {
  type ClearOptions,
  EventIndex,
  type EventQuery,
  type EventRecord,
  type EventStorage,
  expiredRecords,
  type NormalizedRetention,
  normalizeClearOptions,
  normalizeQuery,
  normalizeRetention,
  parseEventRecord,
  StorageError,
  type Unwatch,
  type WatchListener,
  type WatchOptions,
} from "@phaser/events-core";
import { Low } from "lowdb";
import { type Entry, type EventDocument, recordEntry } from "./event-file.js";
import { EventFileAdapter, MigrationNeedsLock } from "./event-file-adapter.js";
import { STALE_LOCK_MS, withFileLock } from "./file-lock.js";
import { defaultMigrations } from "./migrations.js";
import { resolveStorageDir } from "./resolve-storage-dir.js";
import {
  defaultWarning,
  type JsonFileStorageOptions,
  type StoreWarning,
} from "./storage-options.js";
import { removeOrphanTempFiles } from "./temp-files.js";
import { watchEventsFile } from "./watch-file.js";
import { wrapFsError } from "./wrap-fs-error.js";

/** The events file's name inside a storage directory. */
export const EVENTS_FILE_NAME = "events.json";

const RECORD = { allowUnknownType: true, context: "Invalid event record" } as const;

/**
 * An {@link EventStorage} in one JSON file, `{ "version": 1, "events": [...] }`,
 * through lowdb. Writes take an inter-process lock, are atomic and fsync'd;
 * appends that arrive while a write is in flight share the next write. Files
 * it cannot understand are refused and never written; older versions are
 * migrated after a backup.
 */
export class JsonFileStorage implements EventStorage {
  /** Absolute path of the events file. */
  readonly path: string;
  readonly #adapter: EventFileAdapter;
  readonly #db: Low<EventDocument>;
  readonly #onWarning: (warning: StoreWarning) => void;
  readonly #staleLockMs: number;
  readonly #retention: NormalizedRetention;
  readonly #autoCleanup: boolean;
  readonly #now: () => Date;
  #index = new EventIndex();
  #loaded = false;
  #queue: Promise<unknown> = Promise.resolve();
  #batch: { records: EventRecord[]; done: Promise<void> } | null = null;
  #closed = false;
  readonly #warned = new Set<string>();
  readonly #watches = new Set<Unwatch>();

  constructor(options: JsonFileStorageOptions = {}) {
    if (options.path !== undefined && options.dir !== undefined) {
      throw new TypeError("JsonFileStorage: pass either `path` or `dir`, not both");
    }
    this.path = resolve(options.path ?? join(options.dir ?? resolveStorageDir(), EVENTS_FILE_NAME));
    this.#adapter = new EventFileAdapter(this.path, options.migrations ?? defaultMigrations);
    this.#db = new Low(this.#adapter, this.#adapter.emptyDocument());
    this.#onWarning = options.onWarning ?? defaultWarning;
    this.#staleLockMs = options.staleLockMs ?? STALE_LOCK_MS;
    this.#retention = normalizeRetention(options);
    this.#autoCleanup = options.autoCleanup ?? false;
    this.#now = options.now ?? (() => new Date());
  }

  async appendEvent(record: EventRecord): Promise<void> {
    this.#assertOpen();
    return this.#append([parseEventRecord(record, RECORD)]);
  }

  async appendEvents(records: readonly EventRecord[]): Promise<void> {
    this.#assertOpen();
    const parsed = records.map((record, index) =>
      parseEventRecord(record, { ...RECORD, context: `Invalid event record at index ${index}` }),
    );
    if (parsed.length > 0) return this.#append(parsed);
  }

  async getEvents(query?: EventQuery): Promise<EventRecord[]> {
    this.#assertOpen();
    const normalized = normalizeQuery(query);
    return this.#exclusive(async () => {
      await this.#sync();
      return this.#index.select(normalized);
    });
  }

  async clearEvents(options?: ClearOptions): Promise<number> {
    this.#assertOpen();
    const before = normalizeClearOptions(options);
    return this.#removeUnderLock(() => this.#index.removeBefore(before));
  }

  /**
   * Applies the retention policy now: removes events older than `retentionDays`
   * and then the oldest beyond `maxEvents`. Resolves with how many were removed.
   */
  async cleanup(): Promise<number> {
    this.#assertOpen();
    return this.#removeUnderLock(() => this.#expire());
  }

  /**
   * Calls `listener` with every record that appears in the file from now on
   * (or after `options.fromSeq`, a 1-based position in the file), whether
   * this instance or another process wrote it, in file order. Other
   * processes' writes arrive within about 200 ms. Returns the function that
   * stops the watch; `close()` stops every watch.
   */
  watch(listener: WatchListener, options?: WatchOptions): Unwatch {
    this.#assertOpen();
    const source = {
      path: this.path,
      read: () =>
        this.#exclusive(async () => {
          await this.#sync();
          return this.#db.data.entries;
        }),
    };
    const stop = watchEventsFile(source, listener, options);
    const unwatch = async () => {
      this.#watches.delete(unwatch);
      await stop();
    };
    this.#watches.add(unwatch);
    return unwatch;
  }

  /** Stops every watch, waits for writes in flight, then refuses further use. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#watches].map((unwatch) => unwatch()));
    await this.#queue;
  }

  /** Joins the batch that the next write will carry, or starts one. */
  #append(records: EventRecord[]): Promise<void> {
    if (this.#batch !== null) {
      this.#batch.records.push(...records);
      return this.#batch.done;
    }
    const batch = { records, done: Promise.resolve() };
    batch.done = this.#exclusive(() => {
      if (this.#batch === batch) this.#batch = null;
      return this.#locked(async () => {
        this.#index.insert(batch.records);
        const removed = this.#autoCleanup ? this.#expire() : [];
        await this.#writeEntries(
          this.#db.data.entries.concat(batch.records.map(recordEntry)),
          removed,
        );
      });
    });
    this.#batch = batch;
    return batch.done;
  }

  /** Removes what `select` takes out of the index (skipping the lock when there is nothing). */
  #removeUnderLock(select: () => EventRecord[]): Promise<number> {
    return this.#exclusive(async () => {
      await this.#sync();
      if (this.#index.size === 0) return 0; // no lock, no write, no folder for a missing file
      return this.#locked(async () => {
        const removed = select();
        if (removed.length > 0) await this.#writeEntries(this.#db.data.entries, removed);
        return removed.length;
      });
    });
  }

  /** Takes the records the retention policy expires out of the index. */
  #expire(): EventRecord[] {
    const expired = expiredRecords(this.#index, this.#retention, this.#now());
    this.#index.remove(new Set(expired));
    return expired;
  }

  /**
   * Writes `entries` less the `removed` records. If the write fails, the
   * document and the index return to the file's state: failed changes are
   * neither visible nor written later.
   */
  async #writeEntries(entries: Entry[], removed: readonly EventRecord[]): Promise<void> {
    const gone = new Set(removed);
    const doc = this.#db.data;
    const previous = doc.entries;
    doc.entries =
      gone.size === 0 ? entries : entries.filter((e) => !e.record || !gone.has(e.record));
    try {
      await this.#db.write();
    } catch (error) {
      doc.entries = previous;
      this.#index = this.#indexOf(previous);
      throw wrapFsError(error, "write", this.path);
    }
  }

  /**
   * Runs `task` under the inter-process lock, after removing temp files killed
   * writers left and re-reading the file if another process changed it.
   */
  #locked<T>(task: () => Promise<T>): Promise<T> {
    return withFileLock(
      this.path,
      async () => {
        this.#adapter.migrationAllowed = true;
        try {
          await removeOrphanTempFiles(this.path);
          await this.#sync();
        } finally {
          this.#adapter.migrationAllowed = false;
        }
        return task();
      },
      this.#staleLockMs,
    ).catch((error: unknown) => {
      throw wrapFsError(error, "write", this.path);
    });
  }

  /** Loads the file on first use, and again whenever another process changed it. */
  async #sync(): Promise<void> {
    try {
      if (this.#loaded && !(await this.#adapter.changedOnDisk())) return;
      this.#loaded = false;
      this.#db.data = this.#adapter.emptyDocument();
      await this.#db.read();
    } catch (error) {
      if (error instanceof MigrationNeedsLock && !this.#adapter.migrationAllowed) {
        await this.#locked(async () => {}); // an older file: migrate it under the lock
        return;
      }
      throw wrapFsError(error, "read", this.path);
    }
    this.#index = this.#indexOf(this.#db.data.entries);
    this.#loaded = true;
  }

  /** Indexes the valid records; reports each malformed element once. */
  #indexOf(entries: readonly Entry[]): EventIndex {
    const index = new EventIndex();
    entries.forEach((entry, position) => {
      if (entry.record !== undefined) index.insert([entry.record]);
      else this.#warn(position, entry);
    });
    return index;
  }

  #warn(index: number, entry: Entry): void {
    const key = `${index}:${entry.json}`;
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    const message = entry.problem ?? "malformed record";
    this.#onWarning({ code: "MALFORMED_RECORD", path: this.path, index, message });
  }

  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => {});
    return run;
  }

  #assertOpen(): void {
    if (this.#closed) {
      throw new StorageError(`JsonFileStorage for ${this.path} is closed`, {
        path: this.path,
        store: "json",
      });
    }
  }
}
