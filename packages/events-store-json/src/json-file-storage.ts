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
import { appendInPlace, type Line, repairTornTail } from "./appender.js";
import type { Entry } from "./entry.js";
import { RecordTooLargeError } from "./errors/record-too-large-error.js";
import { type EventsFile, readAppended, readEventsFile } from "./events-file-reader.js";
import { resolveEventsPath, sameIdentity, statIdentity } from "./file-identity.js";
import { acquireLock, breakLock, LOCK_TIMEOUT_MS } from "./file-lock.js";
import { MAX_RECORD_BYTES } from "./limits.js";
import { type MigrationResult, migrateEventsFile } from "./migrate-file.js";
import { currentVersion, defaultMigrations, type MigrationRegistry } from "./migrations.js";
import { resolveStorageDir } from "./resolve-storage-dir.js";
import { type Piece, rewriteEventsFile } from "./rewriter.js";
import { keepSigxfszAnError } from "./sigxfsz.js";
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
 * An {@link EventStorage} in one JSON file, `{ "version": 1, "events": [...] }`
 * with one record per line. An append writes only its records, in place,
 * and `fdatasync`s them, under an inter-process lock that is never taken
 * from a live holder; appends that arrive while a write is in flight share
 * the next write. Clear, cleanup and migration rewrite the file atomically,
 * keeping every other record's bytes. Files it cannot understand are refused
 * and never written; older versions are migrated after a backup.
 */
export class JsonFileStorage implements EventStorage {
  /** Absolute path of the events file (a symlink stays one: the store writes to its target). */
  readonly path: string;
  readonly #migrations: MigrationRegistry;
  readonly #version: number;
  readonly #onWarning: (warning: StoreWarning) => void;
  readonly #lockTimeoutMs: number;
  readonly #retention: NormalizedRetention;
  readonly #autoCleanup: boolean;
  readonly #now: () => Date;
  /** The file as last read or written; `null` when there is none; `undefined` before the first read. */
  #file: EventsFile | null | undefined;
  #index = new EventIndex();
  #queue: Promise<unknown> = Promise.resolve();
  #batch: { lines: Line[]; done: Promise<void> } | null = null;
  #closed = false;
  readonly #warned = new Set<string>();
  readonly #watches = new Set<Unwatch>();
  readonly #wakers = new Set<() => void>();

  constructor(options: JsonFileStorageOptions = {}) {
    if (options.path !== undefined && options.dir !== undefined) {
      throw new TypeError("JsonFileStorage: pass either `path` or `dir`, not both");
    }
    if ((options as { staleLockMs?: unknown }).staleLockMs !== undefined) {
      throw new TypeError(
        "JsonFileStorage: `staleLockMs` was removed: a lock is taken over only when its holder is dead, never for its age. Use `lockTimeoutMs` for how long to wait, and `breakLock()` to remove a lock by hand.",
      );
    }
    const timeout = options.lockTimeoutMs ?? LOCK_TIMEOUT_MS;
    if (!Number.isFinite(timeout) || timeout < 0) {
      throw new RangeError(`JsonFileStorage: lockTimeoutMs must be 0 or more ms; got ${timeout}`);
    }
    this.path = resolve(options.path ?? join(options.dir ?? resolveStorageDir(), EVENTS_FILE_NAME));
    this.#migrations = options.migrations ?? defaultMigrations;
    this.#version = currentVersion(this.#migrations);
    this.#onWarning = options.onWarning ?? defaultWarning;
    this.#lockTimeoutMs = timeout;
    this.#retention = normalizeRetention(options);
    this.#autoCleanup = options.autoCleanup ?? false;
    this.#now = options.now ?? (() => new Date());
  }

  async appendEvent(record: EventRecord): Promise<void> {
    this.#assertOpen();
    return this.#append([this.#line(parseEventRecord(record, RECORD), 0)]);
  }

  async appendEvents(records: readonly EventRecord[]): Promise<void> {
    this.#assertOpen();
    const lines = records.map((record, index) =>
      this.#line(
        parseEventRecord(record, { ...RECORD, context: `Invalid event record at index ${index}` }),
        index,
      ),
    );
    if (lines.length > 0) return this.#append(lines);
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
   * Migrates an older file to the current version now, after a backup
   * (otherwise the first access does). Resolves with what it found and did.
   */
  async migrate(): Promise<MigrationResult> {
    this.#assertOpen();
    if (statIdentity(resolveEventsPath(this.path)) === null) {
      return { from: null, to: this.#version, backup: null }; // no lock, no folder for a missing file
    }
    return this.#exclusive(() =>
      this.#locked(async (lock) => {
        this.#file = undefined; // read it whole, under the lock
        const migrated = await this.#sync(lock);
        if (migrated !== null)
          return { from: migrated.from, to: this.#version, backup: migrated.path };
        return {
          from: this.#file === null ? null : this.#version,
          to: this.#version,
          backup: null,
        };
      }),
    );
  }

  /**
   * Removes the write lock whatever its state: the override for a lock whose
   * holder cannot be judged (another host) or is known to be stuck. Never
   * needed for a killed holder on this host: the next writer takes that over.
   * Resolves with whether there was a lock.
   */
  async breakLock(): Promise<boolean> {
    return breakLock(resolveEventsPath(this.path));
  }

  /**
   * Calls `listener` with every record appended from now on (or after
   * `options.fromSeq`), by this instance or another process, in file order,
   * each with its position. Positions never repeat: clear, cleanup and
   * migration keep them. Other processes' appends arrive within about 200 ms.
   * Returns the function that stops the watch; `close()` stops every watch.
   */
  watch(listener: WatchListener, options?: WatchOptions): Unwatch {
    this.#assertOpen();
    const handle = watchEventsFile({ path: this.path, version: this.#version }, listener, options);
    this.#wakers.add(handle.wake);
    const unwatch = async () => {
      this.#watches.delete(unwatch);
      this.#wakers.delete(handle.wake);
      await handle.stop();
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

  #line(record: EventRecord, index: number): Line {
    let json: string;
    try {
      json = JSON.stringify(record);
    } catch (error) {
      if (error instanceof RangeError)
        throw new RecordTooLargeError(this.path, index, Number.NaN, MAX_RECORD_BYTES);
      throw error;
    }
    const bytes = Buffer.byteLength(json);
    if (bytes > MAX_RECORD_BYTES)
      throw new RecordTooLargeError(this.path, index, bytes, MAX_RECORD_BYTES);
    return { record, json, bytes };
  }

  /** Joins the batch that the next write will carry, or starts one. */
  #append(lines: Line[]): Promise<void> {
    if (this.#batch !== null) {
      for (const line of lines) this.#batch.lines.push(line);
      return this.#batch.done;
    }
    const batch = { lines, done: Promise.resolve() };
    batch.done = this.#exclusive(() => {
      if (this.#batch === batch) this.#batch = null;
      return this.#locked(async (lock) => {
        await this.#sync(lock);
        const file = this.#file as EventsFile | null;
        const records = batch.lines.map((line) => line.record);
        this.#index.insert(records);
        const removed = this.#autoCleanup ? this.#expire() : [];
        try {
          if (file?.eventsLast && removed.length === 0) {
            this.#file = await appendInPlace(file, batch.lines, lock);
          } else {
            const next = file?.nextSeq ?? 1;
            const added: Piece[] = batch.lines.map((line, i) => ({
              kind: "json",
              json: line.json,
              record: line.record,
              seq: next + i,
            }));
            await this.#rewrite(removed, added, next + added.length, lock);
          }
        } catch (error) {
          this.#index.remove(new Set(records));
          if (removed.length > 0) this.#index.insert(removed);
          throw error;
        }
        this.#wake();
      });
    });
    this.#batch = batch;
    return batch.done;
  }

  /** Removes what `select` takes out of the index (skipping the lock when there is nothing). */
  #removeUnderLock(select: () => EventRecord[]): Promise<number> {
    return this.#exclusive(async () => {
      await this.#sync();
      if (this.#index.size === 0 && (this.#file?.entries.length ?? 0) === 0) return 0;
      return this.#locked(async (lock) => {
        await this.#sync(lock);
        const removed = select();
        if (removed.length > 0) {
          try {
            await this.#rewrite(removed, [], (this.#file as EventsFile).nextSeq, lock);
          } catch (error) {
            this.#index.insert(removed);
            throw error;
          }
          this.#wake();
        }
        return removed.length;
      });
    });
  }

  /** Rewrites the file without `removed`, plus `added`; keeps every other element's bytes. */
  async #rewrite(
    removed: readonly EventRecord[],
    added: Piece[],
    nextSeq: number,
    lock: Lock,
  ): Promise<void> {
    const file = this.#file ?? null;
    const gone = new Set(removed);
    const kept: Piece[] = (file?.entries ?? [])
      .filter((entry) => entry.record === undefined || !gone.has(entry.record))
      .map((entry) => ({ kind: "copy", entry }));
    const plan = {
      version: this.#version,
      members: file?.members ?? [],
      pieces: kept.concat(added),
      nextSeq,
    };
    try {
      this.#file = await rewriteEventsFile(
        file?.path ?? resolveEventsPath(this.path),
        file?.path ?? null,
        plan,
        lock,
      );
    } catch (error) {
      throw wrapFsError(error, "write", this.path);
    }
  }

  /** Takes the records the retention policy expires out of the index. */
  #expire(): EventRecord[] {
    const expired = expiredRecords(this.#index, this.#retention, this.#now());
    this.#index.remove(new Set(expired));
    return expired;
  }

  /**
   * Runs `task` under the inter-process lock of the real file, after removing
   * temp files that killed writers left.
   */
  async #locked<T>(task: (lock: Lock) => Promise<T>): Promise<T> {
    keepSigxfszAnError();
    let real: string;
    let lock: Lock;
    try {
      real = resolveEventsPath(this.path);
      lock = await acquireLock(real, this.#lockTimeoutMs);
    } catch (error) {
      throw wrapFsError(error, "write", this.path);
    }
    try {
      await removeOrphanTempFiles(real);
      return await task(lock);
    } catch (error) {
      throw wrapFsError(error, "write", this.path);
    } finally {
      lock.release();
    }
  }

  /**
   * Brings the index up to the file: nothing when it is unchanged, the new
   * bytes when others appended in place, a full read otherwise. Under the
   * lock (`lock` given) it also repairs a torn tail and migrates an older
   * file, resolving with the migration's backup.
   */
  async #sync(lock?: Lock): Promise<{ from: number; path: string } | null> {
    let migrated: { from: number; path: string } | null = null;
    try {
      const real = resolveEventsPath(this.path);
      const file = this.#file;
      const onDisk = statIdentity(real);
      const stale =
        file === undefined ||
        (file === null) !== (onDisk === null) ||
        (file !== null && (file.path !== real || !sameIdentity(file.identity, onDisk)));
      if (stale) this.#load(real, file ?? null);
      let now = this.#file as EventsFile | null;
      if (now !== null && now.version < this.#version) {
        if (lock === undefined) {
          await this.#locked((held) => this.#sync(held));
          return null;
        }
        const result = await migrateEventsFile(
          now,
          this.#migrations,
          this.#version,
          lock,
          this.path,
        );
        migrated = { from: now.version, path: result.backup };
        this.#file = now = result.file;
        this.#index = this.#indexOf(now.entries);
      }
      if (lock !== undefined && now?.torn) this.#file = await repairTornTail(now, lock);
    } catch (error) {
      throw wrapFsError(error, "read", this.path);
    }
    return migrated;
  }

  /**
   * Reads the file: only the new bytes when it grew by appends in place. A
   * torn tail (an append in flight, or cut short) gives the complete records
   * before it; under the lock, the caller then repairs it.
   */
  #load(real: string, previous: EventsFile | null): void {
    if (previous !== null && previous.path === real && previous.version === this.#version) {
      const grown = readAppended(previous, this.#version, this.path);
      if (grown !== "changed") {
        this.#file = grown.file;
        this.#index.insert(
          grown.added.flatMap((entry) => (entry.record === undefined ? [] : [entry.record])),
        );
        grown.added.forEach((entry, i) => {
          if (entry.record === undefined) this.#warn(previous.entries.length + i, entry);
        });
        return;
      }
    }
    const file = readEventsFile(real, this.#version, this.path);
    this.#file = file;
    this.#index =
      file === null || file.version < this.#version
        ? new EventIndex()
        : this.#indexOf(file.entries);
  }

  /** Indexes the valid records; reports each malformed element once. */
  #indexOf(entries: readonly Entry[]): EventIndex {
    const index = new EventIndex();
    const records: EventRecord[] = [];
    entries.forEach((entry, position) => {
      if (entry.record !== undefined) records.push(entry.record);
      else this.#warn(position, entry);
    });
    index.insert(records);
    return index;
  }

  #warn(index: number, entry: Entry): void {
    const key = `${entry.seq}`;
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    const message = entry.problem ?? "malformed record";
    this.#onWarning({ code: "MALFORMED_RECORD", path: this.path, index, message });
  }

  #wake(): void {
    for (const wake of this.#wakers) wake();
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

type Lock = Awaited<ReturnType<typeof acquireLock>>;
