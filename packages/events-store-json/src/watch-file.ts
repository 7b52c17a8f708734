import { type FSWatcher, watch as watchFs } from "node:fs";
import { basename, dirname } from "node:path";
import { WatchGapError, type WatchListener, type WatchOptions } from "@phaser/events-core";
import type { Entry } from "./entry.js";
import { type EventsFile, readAppended, readEventsFile } from "./events-file-reader.js";
import { resolveEventsPath } from "./file-identity.js";

/** How often the file is checked when no notification came: the latency bound. */
export const WATCH_POLL_MS = 200;

/** The file a watch follows. */
export interface WatchSource {
  /** The events path as given (a symlink is followed at every read). */
  readonly path: string;
  /** The format version the store reads. */
  readonly version: number;
}

/** A running watch: `wake` checks the file now (the store calls it after its own writes). */
export interface WatchHandle {
  wake(): void;
  stop(): Promise<void>;
}

/**
 * Delivers every record that appears in the events file, by this process or
 * another, once and in file order, with its position. It keeps the file's
 * tail (where the last element ends, its position) and reads only the bytes
 * appended after it; only a rewrite (clear, cleanup, migration) makes it
 * read the file whole, and then the positions tell it where it was. It keeps
 * nothing per record: memory does not grow with the events it has seen.
 * Positions between its own and the next record that no longer exist were
 * removed before it read them: it reports how many through `onError` as a
 * `WatchGapError`. While an append is incomplete (a torn tail) it waits.
 *
 * `fs.watch` on the folder makes delivery prompt; a poll every
 * {@link WATCH_POLL_MS} ms catches what it misses or cannot watch.
 */
export function watchEventsFile(
  source: WatchSource,
  listener: WatchListener,
  options: WatchOptions = {},
): WatchHandle {
  const onError = options.onError ?? ((error: Error) => console.warn(error.message));
  /** The file's tail as last read (no entries kept); `null` when there was no file. */
  let tail: EventsFile | null | undefined;
  /** The last position delivered or passed over. */
  let last = options.fromSeq;
  let stopped = false;
  let again = false;
  let failing = "";
  let running: Promise<void> | undefined;

  const report = (error: unknown) =>
    onError(error instanceof Error ? error : new Error(String(error)));

  const deliver = async (entries: readonly Entry[], nextSeq: number): Promise<void> => {
    let position = last ?? 0;
    let expected = position + 1;
    for (const entry of entries) {
      if (stopped) return;
      if (entry.seq <= position) continue;
      if (entry.seq > expected)
        report(
          new WatchGapError(entry.seq - expected, position, { path: source.path, store: "json" }),
        );
      expected = entry.seq + 1;
      position = entry.seq;
      last = position;
      const { record } = entry;
      if (record === undefined) continue;
      if (options.auditId !== undefined && record.audit_id !== options.auditId) continue;
      try {
        await listener(record, { seq: entry.seq });
      } catch (error) {
        report(error);
      }
    }
    if (nextSeq > expected && !stopped) {
      report(new WatchGapError(nextSeq - expected, position, { path: source.path, store: "json" }));
    }
    if (!stopped) last = Math.max(position, nextSeq - 1);
  };

  const scan = async (): Promise<void> => {
    try {
      const real = resolveEventsPath(source.path);
      if (tail && tail.path === real) {
        const grown = readAppended(tail, source.version, source.path, false);
        // While an append is incomplete (in flight, or cut short and waiting for a writer to
        // repair it), wait: its records are not acknowledged, and a failed write takes them back.
        if (grown !== "changed" && grown.file.torn) return;
        if (grown !== "changed") {
          tail = grown.file;
          if (grown.added.length > 0) await deliver(grown.added, grown.file.nextSeq);
          failing = "";
          return;
        }
      }
      const file = readEventsFile(real, source.version, source.path);
      failing = "";
      if (file?.torn) return; // wait for the writer, as above
      if (file === null || file.version < source.version) {
        tail = null; // no file yet, or one a writer has still to migrate (it keeps their positions)
        last ??= file?.nextSeq === undefined ? 0 : file.nextSeq - 1;
        return;
      }
      if (last === undefined) last = file.nextSeq - 1;
      else await deliver(file.entries, file.nextSeq);
      tail = { ...file, entries: [] };
    } catch (error) {
      // Report a failure once, not at every poll, until the file reads again.
      const message = (error as Error).message;
      if (message !== failing) report(error);
      failing = message;
    }
  };

  const check = (): Promise<void> => {
    if (running !== undefined) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await scan();
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  // Read the file now, so that appends made after `watch` returns count as new.
  if (last === undefined) {
    try {
      const file = readEventsFile(resolveEventsPath(source.path), source.version, source.path);
      last = file === null ? 0 : file.nextSeq - 1;
      if (file !== null && file.version >= source.version) tail = { ...file, entries: [] };
    } catch {
      // The first scan reports it.
    }
  }
  let watcher: FSWatcher | undefined;
  /** `fs.watch` on the folder, once it exists (until then, and if it fails, polling alone carries on). */
  const watchFolder = () => {
    if (watcher !== undefined || stopped) return;
    try {
      const real = resolveEventsPath(source.path);
      const name = basename(real);
      watcher = watchFs(dirname(real), (_event, file) => {
        if (file === null || file === name) void check();
      });
      watcher.on("error", () => watcher?.close());
    } catch {
      // No folder yet, or no fs.watch here: the next poll tries again.
    }
  };
  watchFolder();
  void check();
  const timer = setInterval(() => {
    watchFolder();
    void check();
  }, WATCH_POLL_MS);

  return {
    wake: () => void check(),
    async stop() {
      stopped = true;
      clearInterval(timer);
      watcher?.close();
      await running;
    },
  };
}
