import { type FSWatcher, watch as watchFs } from "node:fs";
import { basename, dirname } from "node:path";
import type { WatchRead, WatchSource } from "@phaser/events-core/store-kit";
import type { Entry } from "./entry.js";
import { type EventsFile, readAppended, readEventsFile } from "./events-file-reader.js";
import { resolveEventsPath } from "./file-identity.js";
import { wrapFsError } from "./wrap-fs-error.js";

/** How often the file is checked when no notification came: the latency bound. */
export const WATCH_POLL_MS = 200;

/** The file a watch follows. */
export interface WatchedFile {
  /** The events path as given (a symlink is followed at every read). */
  readonly path: string;
  /** The format version the store reads. */
  readonly version: number;
  /** Adds a waker the store calls after its own writes; returns how to remove it. */
  readonly onWrite: (wake: () => void) => () => void;
}

/**
 * How a watch reads the events file after a position (core's `runWatch`
 * runs the loop). It keeps the file's tail (where the last element ends, its
 * position) and reads only the bytes appended after it; only a rewrite
 * (clear, cleanup, migration) makes it read the file whole, and then the
 * positions say where it was. It keeps nothing per record. Positions are
 * dense, so the loop reports records removed before it read them. While an
 * append is incomplete (a torn tail) it reads nothing and waits: those
 * records are not acknowledged, and a failed write takes them back.
 *
 * `fs.watch` on the folder (once it exists) wakes it promptly; the poll
 * every {@link WATCH_POLL_MS} ms catches what that misses or cannot watch.
 */
export function eventsFileSource(file: WatchedFile): WatchSource {
  /** The file's tail as last read (no entries kept); `null` when there was none. */
  let tail: EventsFile | null | undefined;
  /** The last element read, by position and record id: a file that holds another there replaced it. */
  let lastRead: { readonly seq: number; readonly id: string | undefined } | undefined;
  const noteLast = (entries: readonly Entry[]) => {
    const entry = entries.at(-1);
    if (entry !== undefined) lastRead = { seq: entry.seq, id: entry.record?.id };
  };
  let watcher: FSWatcher | undefined;
  let wakeWatch: (() => void) | undefined;

  const watchFolder = () => {
    if (watcher !== undefined || wakeWatch === undefined) return;
    const wake = wakeWatch;
    try {
      const real = resolveEventsPath(file.path);
      const name = basename(real);
      watcher = watchFs(dirname(real), (_event, changed) => {
        if (changed === null || changed === name) wake();
      });
      watcher.on("error", () => watcher?.close());
    } catch {
      // No folder yet, or no fs.watch here: the next read tries again.
    }
  };

  const readWhole = (real: string): WatchRead => {
    const found = readEventsFile(real, file.version, file.path);
    if (found?.torn) return { entries: [] };
    if (found === null || found.version < file.version) {
      tail = null; // no file yet, or one a writer has still to migrate (keeping positions)
      return { entries: [] };
    }
    tail = { ...found, entries: [] };
    // A rewrite (clear, cleanup, migration) keeps each record at its position, or removes it.
    const replaced = lastRead !== undefined && holdsAnother(found.entries, lastRead);
    noteLast(found.entries);
    return { entries: found.entries, end: found.nextSeq - 1, replaced };
  };

  return {
    dense: true,
    pollMs: WATCH_POLL_MS,
    store: "json",
    path: file.path,
    end() {
      const found = readEventsFile(resolveEventsPath(file.path), file.version, file.path);
      if (found !== null && found.version >= file.version && !found.torn) {
        tail = { ...found, entries: [] };
        noteLast(found.entries);
      }
      return found === null ? 0 : found.nextSeq - 1;
    },
    readAfter() {
      watchFolder();
      const real = resolveEventsPath(file.path);
      if (tail && tail.path === real) {
        const grown = readAppended(tail, file.version, file.path, false);
        if (grown !== "changed") {
          if (grown.file.torn) return { entries: [] };
          tail = grown.file;
          noteLast(grown.added);
          return { entries: grown.added, end: grown.file.nextSeq - 1 };
        }
      }
      return readWhole(real);
    },
    listen(wake) {
      wakeWatch = wake;
      watchFolder();
      const stopWrites = file.onWrite(wake);
      return () => {
        stopWrites();
        watcher?.close();
      };
    },
    wrap: (error) => wrapFsError(error, "read", file.path) as Error,
  };
}

/** Whether `entries` (in position order) hold another record than `last.id` at `last.seq`. */
function holdsAnother(
  entries: readonly Entry[],
  last: { readonly seq: number; readonly id: string | undefined },
): boolean {
  let low = 0;
  let high = entries.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const entry = entries[middle] as Entry;
    if (entry.seq === last.seq) return entry.record?.id !== last.id;
    if (entry.seq < last.seq) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
