import { type FSWatcher, watch } from "node:fs";
import { sleep } from "./util.js";

/**
 * Counts completed writes of `dir/name` without touching the store's code.
 *
 * Every durable write of JsonFileStorage, and every lowdb (steno) write, ends
 * with `rename(temp, name)`. On Linux, inotify reports that as IN_MOVED_TO
 * carrying `name`, which `fs.watch` delivers as one "rename" event whose
 * filename is `name`. Nothing else in these benchmarks creates, renames or
 * deletes a file of that name (temp files, the `.lock` directory and backups
 * have other names), so those events count the writes. inotify only merges
 * identical consecutive events and each rename has its own cookie, so none is
 * lost. Events arrive asynchronously: `stop()` lets them drain first.
 * (Linux-specific: macOS FSEvents may coalesce events; counts there are a lower bound.)
 */
export class WriteCounter {
  #count = 0;
  readonly #watcher: FSWatcher;

  constructor(dir: string, name = "events.json") {
    this.#watcher = watch(dir, (eventType, filename) => {
      if (eventType === "rename" && filename === name) this.#count++;
    });
  }

  /** Writes seen so far (events already delivered). */
  get count(): number {
    return this.#count;
  }

  /** Waits for pending events, stops watching and returns the count. */
  async stop(): Promise<number> {
    await sleep(50);
    this.#watcher.close();
    return this.#count;
  }
}
