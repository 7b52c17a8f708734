import type { EventRecord } from "@phaser/events-core";
import { appendInPlace, repairTornTail } from "./appender.js";
import type { EventsFile } from "./events-file-reader.js";
import { resolveEventsPath } from "./file-identity.js";
import type { HeldLock } from "./file-lock.js";
import type { LockedWrites } from "./locked-writes.js";
import { migrateEventsFile } from "./migrate-file.js";
import type { Line } from "./record-line.js";
import { type Piece, rewriteEventsFile } from "./rewriter.js";
import type { StoreSettings } from "./storage-options.js";
import type { StoreView } from "./store-view.js";
import { wrapFsError } from "./wrap-fs-error.js";

/** One store's events file as its reads and writes see it: the path given, the view, the settings, the lock. */
export interface StoreFile {
  readonly path: string;
  readonly view: StoreView;
  readonly settings: StoreSettings;
  readonly writes: LockedWrites;
}

/**
 * Brings the view up to the file (see `StoreView.refresh`). Under the lock
 * (`lock` given) it also repairs a torn tail and migrates an older file,
 * resolving with the migration's backup.
 */
export async function syncView(
  store: StoreFile,
  lock?: HeldLock,
): Promise<{ from: number; path: string } | null> {
  const { view, settings } = store;
  try {
    view.refresh(lock?.path ?? resolveEventsPath(store.path));
    const file = view.file as EventsFile | null;
    if (file !== null && file.version < settings.version) {
      if (lock === undefined) {
        await store.writes.run((held) => syncView(store, held));
        return null;
      }
      const result = await migrateEventsFile(
        file,
        settings.migrations,
        settings.version,
        lock,
        store.path,
      );
      view.replace(result.file);
      return { from: file.version, path: result.backup };
    }
    if (lock !== undefined && file?.torn) view.file = await repairTornTail(file, lock);
    return null;
  } catch (error) {
    throw wrapFsError(error, "read", store.path);
  }
}

/** Rewrites the file without `removed`, plus `added`; keeps every other element's bytes. */
export async function rewriteView(
  store: StoreFile,
  removed: readonly EventRecord[],
  added: Piece[],
  nextSeq: number,
  lock: HeldLock,
): Promise<void> {
  const file = store.view.file ?? null;
  const gone = new Set(removed);
  const kept: Piece[] = (file?.entries ?? [])
    .filter((entry) => entry.record === undefined || !gone.has(entry.record))
    .map((entry) => ({ kind: "copy", entry }));
  const plan = {
    version: store.settings.version,
    members: file?.members ?? [],
    pieces: kept.concat(added),
    nextSeq,
  };
  try {
    store.view.file = await rewriteEventsFile(lock.path, file?.path ?? null, plan, lock);
  } catch (error) {
    throw wrapFsError(error, "write", store.path);
  }
}

/**
 * Writes one group of appends under `lock`, the view synced: in place when the
 * file ends with its events and `expire` (the retention policy) takes nothing,
 * else by a rewrite. The index holds the records only if the write succeeded.
 */
export async function writeLines(
  store: StoreFile,
  lines: readonly Line[],
  lock: HeldLock,
  expire: () => EventRecord[],
): Promise<void> {
  const { view } = store;
  const file = view.file as EventsFile | null;
  const records = lines.map((line) => line.record);
  view.index.insert(records);
  const removed = expire();
  try {
    if (file?.eventsLast && removed.length === 0) {
      view.file = await appendInPlace(file, lines, lock);
    } else {
      const next = file?.nextSeq ?? 1;
      const added: Piece[] = lines.map((line, i) => ({
        kind: "json",
        json: line.json,
        record: line.record,
        seq: next + i,
      }));
      await rewriteView(store, removed, added, next + added.length, lock);
    }
  } catch (error) {
    view.index.remove(new Set(records));
    if (removed.length > 0) view.index.insert(removed);
    throw error;
  }
}
