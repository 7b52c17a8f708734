import {
  type AuditSummary,
  type ClearOptions,
  type EventQuery,
  type EventRecord,
  type EventStorage,
  type ListAuditsOptions,
  StorageError,
  type WatchHandle,
  type WatchListener,
  type WatchOptions,
} from "@phaser/events-core";
import {
  checkListAudits,
  checkRecord,
  checkRecords,
  groupCommit,
  normalizeClearOptions,
  normalizeQuery,
  runWatch,
  WatchSet,
} from "@phaser/events-core/store-kit";
import type { EventsFile } from "./events-file-reader.js";
import { resolveEventsPath, statIdentity } from "./file-identity.js";
import { breakLock } from "./file-lock.js";
import { LockedWrites } from "./locked-writes.js";
import type { MigrationResult } from "./migrate-file.js";
import { type Line, toLine } from "./record-line.js";
import { type JsonFileStorageOptions, type StoreSettings, settingsOf } from "./storage-options.js";
import { StoreView } from "./store-view.js";
import { rewriteView, type StoreFile, syncView, writeLines } from "./view-sync.js";
import { eventsFileSource } from "./watch-file.js";

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
  readonly #settings: StoreSettings;
  readonly #view: StoreView;
  readonly #writes: LockedWrites;
  readonly #file: StoreFile;
  #queue: Promise<unknown> = Promise.resolve();
  /** Appends in call order; those made while a write is in flight share the next one. */
  readonly #append = groupCommit<Line>((lines) => this.#write(lines));
  #closed = false;
  readonly #watches = new WatchSet();
  readonly #wakers = new Set<() => void>();

  constructor(options: JsonFileStorageOptions = {}) {
    const settings = settingsOf(options);
    this.#settings = settings;
    this.path = settings.path;
    this.#view = new StoreView(this.path, settings.version, settings.onWarning);
    this.#writes = new LockedWrites(this.path, settings.lockTimeoutMs);
    this.#file = { path: this.path, view: this.#view, settings, writes: this.#writes };
  }

  async appendEvent(record: EventRecord): Promise<void> {
    this.#assertOpen();
    const checked = checkRecord(record, "append", "Invalid event record");
    return this.#append([toLine(checked, 0, this.#settings)]);
  }

  async appendEvents(records: readonly EventRecord[]): Promise<void> {
    this.#assertOpen();
    const lines = checkRecords(records, "append").map((r, i) => toLine(r, i, this.#settings));
    if (lines.length > 0) return this.#append(lines);
  }

  async getEvents(query?: EventQuery): Promise<EventRecord[]> {
    this.#assertOpen();
    const normalized = normalizeQuery(query);
    return this.#read(() => this.#view.index.select(normalized));
  }

  /** The audits in the file, newest first, from the index's per-audit summaries. */
  async listAudits(options?: ListAuditsOptions): Promise<AuditSummary[]> {
    this.#assertOpen();
    const checked = checkListAudits(options);
    return this.#read(() => this.#view.index.audits(checked));
  }

  /**
   * Reads the file now: resolves when it is absent (the first append creates
   * it) or understood, migrating an older version after a backup; rejects
   * with the error the first operation would meet (a file it cannot
   * understand, a newer version, a folder it cannot read).
   */
  async open(): Promise<void> {
    this.#assertOpen();
    await this.#read(() => undefined);
  }

  async clearEvents(options?: ClearOptions): Promise<number> {
    this.#assertOpen();
    const before = normalizeClearOptions(options);
    return this.#removeUnderLock(() => this.#view.index.removeBefore(before));
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
      return { from: null, to: this.#settings.version, backup: null }; // no lock, no folder for a missing file
    }
    return this.#exclusive(() =>
      this.#writes.run(async (lock) => {
        this.#view.file = undefined; // read it whole, under the lock
        const migrated = await syncView(this.#file, lock);
        if (migrated !== null)
          return { from: migrated.from, to: this.#settings.version, backup: migrated.path };
        return {
          from: this.#view.file === null ? null : this.#settings.version,
          to: this.#settings.version,
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
   * Returns the watch's handle (`ready`, `stop()`); `close()` stops every watch.
   */
  watch(listener: WatchListener, options?: WatchOptions): WatchHandle {
    this.#assertOpen();
    const source = eventsFileSource({
      path: this.path,
      version: this.#settings.version,
      onWrite: (wake) => {
        this.#wakers.add(wake);
        return () => this.#wakers.delete(wake);
      },
    });
    return this.#watches.add(runWatch(source, listener, options));
  }

  /** Stops every watch, waits for writes in flight, then refuses further use. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#watches.stopAll();
    await this.#queue;
  }

  /** Runs `read` on the view brought up to the file, in turn with writes. */
  #read<T>(read: () => T): Promise<T> {
    return this.#exclusive(async () => {
      await syncView(this.#file);
      return read();
    });
  }

  /** Writes one group of appends: in place when it can, else by a rewrite. */
  #write(lines: readonly Line[]): Promise<void> {
    return this.#exclusive(() =>
      this.#writes.run(async (lock) => {
        await syncView(this.#file, lock);
        await writeLines(this.#file, lines, lock, () =>
          this.#settings.autoCleanup ? this.#expire() : [],
        );
        this.#wake();
      }),
    );
  }

  /** Removes what `select` takes out of the index (skipping the lock when there is nothing). */
  #removeUnderLock(select: () => EventRecord[]): Promise<number> {
    return this.#exclusive(async () => {
      await syncView(this.#file);
      if (this.#view.index.size === 0 && (this.#view.file?.count ?? 0) === 0) return 0;
      return this.#writes.run(async (lock) => {
        await syncView(this.#file, lock);
        const removed = select();
        if (removed.length > 0) {
          try {
            await rewriteView(
              this.#file,
              removed,
              [],
              (this.#view.file as EventsFile).nextSeq,
              lock,
            );
          } catch (error) {
            this.#view.index.insert(removed);
            throw error;
          }
          this.#wake();
        }
        return removed.length;
      });
    });
  }

  /** Takes the records the retention policy expires out of the index. */
  #expire(): EventRecord[] {
    return this.#view.index.expire(this.#settings.retention, this.#settings.now());
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
