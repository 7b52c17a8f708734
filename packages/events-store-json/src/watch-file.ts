import { type FSWatcher, watch as watchFs } from "node:fs";
import { basename, dirname } from "node:path";
import type { Unwatch, WatchListener, WatchOptions } from "@phaser/events-core";
import type { Entry } from "./event-file.js";

/** How often the file is checked when no `fs.watch` notification came: the latency bound. */
export const WATCH_POLL_MS = 200;

/** What a file watch reads: the events file's elements in file order, as the store sees them now. */
export interface WatchSource {
  readonly path: string;
  read(): Promise<readonly Entry[]>;
}

/**
 * Delivers every record that appears in the events file, by this process or
 * another, once and in file order. `fs.watch` on the folder (the file is
 * replaced by rename on every write, so watching the file itself would stop
 * at the first write) makes delivery prompt; a poll every
 * {@link WATCH_POLL_MS} ms catches what `fs.watch` misses or cannot watch
 * (network file systems, a folder that does not exist yet). Records are told
 * apart by id, so a clear that renumbers the file never re-delivers one.
 */
export function watchEventsFile(
  source: WatchSource,
  listener: WatchListener,
  options: WatchOptions = {},
): Unwatch {
  const onError = options.onError ?? ((error: Error) => console.warn(error.message));
  const seen = new Set<string>();
  let last: readonly Entry[] | undefined;
  let stopped = false;
  let again = false;
  let failing = "";
  let running: Promise<void> | undefined;

  const scan = async (first: boolean) => {
    let entries: readonly Entry[];
    try {
      entries = await source.read();
      failing = "";
    } catch (error) {
      // Report a failure once, not at every poll, until the file reads again.
      const message = (error as Error).message;
      if (message !== failing) onError(error as Error);
      failing = message;
      return;
    }
    if (entries === last) return;
    last = entries;
    for (const [position, { record }] of entries.entries()) {
      if (stopped) return;
      if (record === undefined || seen.has(record.id)) continue;
      seen.add(record.id);
      const seq = position + 1;
      if (first && (options.fromSeq === undefined || seq <= options.fromSeq)) continue;
      if (options.auditId !== undefined && record.audit_id !== options.auditId) continue;
      try {
        await listener(record, { seq });
      } catch (error) {
        onError(error instanceof Error ? error : new Error(String(error)));
      }
    }
  };

  const check = (first = false): Promise<void> => {
    if (running !== undefined) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await scan(first);
        first = false;
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  // Read the file now, in the store's queue, so appends made after `watch` returns count as new.
  void check(true);
  const timer = setInterval(() => void check(), WATCH_POLL_MS);
  let watcher: FSWatcher | undefined;
  try {
    const name = basename(source.path);
    watcher = watchFs(dirname(source.path), (_event, file) => {
      if (file === null || file === name) void check();
    });
    watcher.on("error", () => {
      watcher?.close(); // polling alone carries on
    });
  } catch {
    // No folder yet, or no fs.watch here: polling alone carries on.
  }

  return async () => {
    stopped = true;
    clearInterval(timer);
    watcher?.close();
    await running;
  };
}
