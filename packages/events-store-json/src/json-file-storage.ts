import { join, resolve } from "node:path";
import {
  type ClearOptions,
  EventIndex,
  type EventQuery,
  type EventRecord,
  type EventStorage,
  isStorageError,
  normalizeClearOptions,
  normalizeQuery,
  parseEventRecord,
  StorageError,
} from "@phaser/events-core";
import { Low } from "lowdb";
import { type EventDocument, recordEntry } from "./event-file.js";
import { EventFileAdapter, MigrationNeedsLock } from "./event-file-adapter.js";
import { STALE_LOCK_MS, withFileLock } from "./file-lock.js";
import { removeOrphanTempFiles } from "./temp-files.js";
import { defaultMigrations, type MigrationRegistry } from "./migrations.js";
import { resolveStorageDir } from "./resolve-storage-dir.js";

/** The events file's name inside a storage directory. */
export const EVENTS_FILE_NAME = "events.json";

/** Something the store noticed but could live with, e.g. a malformed record it skips. */
export interface StoreWarning {
  readonly code: "MALFORMED_RECORD";
  readonly path: string;
  /** Position of the record in the file's `events` array. */
  readonly index: number;
  readonly message: string;
}

export interface JsonFileStorageOptions {
  /** The events file. Give this or `dir`, not both. */
  readonly path?: string | undefined;
  /** A directory: the file is `dir/events.json`. Default: `resolveStorageDir()`. */
  readonly dir?: string | undefined;
  /** Told once about each malformed record found in the file. Default: `console.warn`. */
  readonly onWarning?: ((warning: StoreWarning) => void) | undefined;
  /** Migrations keyed by the version they produce. Default: {@link defaultMigrations}. */
  readonly migrations?: MigrationRegistry | undefined;
  /**
   * A write lock not refreshed for this many ms belongs to a killed process and
   * is taken over. Live holders refresh it every second. Default 4,000; at least 2,000.
   */
  readonly staleLockMs?: number | undefined;
}

const defaultWarning = (warning: StoreWarning) => {
  console.warn(
    `[phaser-events] ${warning.path}: skipping record ${warning.index}: ${warning.message}`,
  );
};

/**
 * An {@link EventStorage} in one JSON file, `{ "version": 1, "events": [...] }`,
 * through lowdb. Writes are atomic and fsync'd; appends that arrive while a
 * write is in flight share the next write. Files it cannot understand are
 * refused and never written; older versions are migrated after a backup.
 */
export class JsonFileStorage implements EventStorage {
  /** Absolute path of the events file. */
  readonly path: string;
  readonly #adapter: EventFileAdapter;
  readonly #db: Low<EventDocument>;
  readonly #onWarning: (warning: StoreWarning) => void;
  readonly #staleLockMs: number;
  #index = new EventIndex();
  #loaded = false;
  #queue: Promise<unknown> = Promise.resolve();
  #batch: { records: EventRecord[]; done: Promise<void> } | null = null;
  #closed = false;
  readonly #warned = new Set<string>();

  constructor(options: JsonFileStorageOptions = {}) {
    if (options.path !== undefined && options.dir !== undefined) {
      throw new TypeError("JsonFileStorage: pass either `path` or `dir`, not both");
    }
    this.path = resolve(options.path ?? join(options.dir ?? resolveStorageDir(), EVENTS_FILE_NAME));
    this.#adapter = new EventFileAdapter(this.path, options.migrations ?? defaultMigrations);
    this.#db = new Low(this.#adapter, this.#emptyDocument());
    this.#onWarning = options.onWarning ?? defaultWarning;
    this.#staleLockMs = options.staleLockMs ?? STALE_LOCK_MS;
  }

  async appendEvent(record: EventRecord): Promise<void> {
    this.#assertOpen();
    return this.#append([
      parseEventRecord(record, { allowUnknownType: true, context: "Invalid event record" }),
    ]);
  }

  async appendEvents(records: readonly EventRecord[]): Promise<void> {
    this.#assertOpen();
    const parsed = records.map((record, index) =>
      parseEventRecord(record, {
        allowUnknownType: true,
        context: `Invalid event record at index ${index}`,
      }),
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
    return this.#exclusive(async () => {
      // Nothing to remove: no lock, no write (and no folder created for a missing file).
      await this.#sync();
      if (this.#index.size === 0) return 0;
      return this.#locked(() => this.#clear(before));
    });
  }

  async #clear(before: number | undefined): Promise<number> {
    const removed = this.#index.removeBefore(before);
    if (removed.length === 0) return 0;
    const gone = new Set(removed);
    const doc = this.#db.data;
    const previous = doc.entries;
    doc.entries = previous.filter((entry) => entry.record === undefined || !gone.has(entry.record));
    try {
      await this.#write();
    } catch (error) {
      doc.entries = previous;
      this.#index.insert(removed);
      throw error;
    }
    return removed.length;
  }

  /** Waits for writes in flight, then refuses further use. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#queue;
  }

  /** Joins the batch that the next write will carry, or starts one. */
  #append(records: EventRecord[]): Promise<void> {
    if (this.#batch === null) {
      const batch: { records: EventRecord[]; done: Promise<void> } = {
        records,
        done: Promise.resolve(),
      };
      batch.done = this.#exclusive(async () => {
        if (this.#batch === batch) this.#batch = null;
        await this.#commit(batch.records);
      });
      this.#batch = batch;
      return batch.done;
    }
    this.#batch.records.push(...records);
    return this.#batch.done;
  }

  async #commit(records: EventRecord[]): Promise<void> {
    await this.#locked(() => this.#apply(records));
  }

  async #apply(records: EventRecord[]): Promise<void> {
    const doc = this.#db.data;
    const start = doc.entries.length;
    doc.entries.push(...records.map(recordEntry));
    this.#index.insert(records);
    try {
      await this.#write();
    } catch (error) {
      // Roll back: the failed events must not be seen nor written later.
      doc.entries.splice(start);
      this.#index.remove(new Set(records));
      throw error;
    }
  }

  /**
   * Runs a write under the inter-process lock: removes temp files killed
   * writers left, re-reads the file if another process changed it, then runs
   * `task` against the fresh document.
   */
  async #locked<T>(task: () => Promise<T>): Promise<T> {
    return withFileLock(this.path, async () => {
      this.#adapter.migrationAllowed = true;
      try {
        await removeOrphanTempFiles(this.path);
        await this.#sync();
      } finally {
        this.#adapter.migrationAllowed = false;
      }
      return task();
    }, this.#staleLockMs).catch((error: unknown) => {
      throw this.#wrap(error, "write");
    });
  }

  /** Loads the file on first use, and again whenever another process changed it. */
  async #sync(): Promise<void> {
    try {
      if (this.#loaded && !(await this.#adapter.changedOnDisk())) return;
      this.#loaded = false;
      this.#db.data = this.#emptyDocument();
      await this.#db.read();
    } catch (error) {
      if (error instanceof MigrationNeedsLock && !this.#adapter.migrationAllowed) {
        // An older file: migrate it under the lock, then carry on reading.
        await this.#locked(async () => {});
        return;
      }
      throw this.#wrap(error, "read");
    }
    const index = new EventIndex();
    this.#db.data.entries.forEach((entry, position) => {
      if (entry.record !== undefined) index.insert([entry.record]);
      else this.#warn(position, entry.json, entry.problem ?? "malformed record");
    });
    this.#index = index;
    this.#loaded = true;
  }

  async #write(): Promise<void> {
    try {
      await this.#db.write();
    } catch (error) {
      throw this.#wrap(error, "write");
    }
  }

  #warn(index: number, json: string, message: string): void {
    const key = `${index}:${json}`;
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    this.#onWarning({ code: "MALFORMED_RECORD", path: this.path, index, message });
  }

  #wrap(error: unknown, action: "read" | "write"): unknown {
    if (isStorageError(error)) return error;
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const detail = error instanceof Error ? error.message : String(error);
    return new StorageError(
      `Could not ${action} events file ${this.path}${code ? ` (${code})` : ""}: ${detail}`,
      {
        cause: error,
        path: this.path,
        store: "json",
      },
    );
  }

  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => {});
    return run;
  }

  #emptyDocument(): EventDocument {
    return { version: this.#adapter.version, extras: {}, entries: [] };
  }

  #assertOpen(): void {
    if (this.#closed)
      throw new StorageError(`JsonFileStorage for ${this.path} is closed`, {
        path: this.path,
        store: "json",
      });
  }
}
