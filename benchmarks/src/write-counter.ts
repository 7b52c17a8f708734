import { type FSWatcher, fstatSync, statSync, watch } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { join } from "node:path";
import { sleep } from "./util.js";

type SyncMethod = "sync" | "datasync";

/** FileHandle's prototype: its `sync` and `datasync` are what every durable write through fs/promises ends with. */
async function fileHandlePrototype(): Promise<Record<SyncMethod, () => Promise<void>>> {
  const handle = await open(process.execPath, "r");
  try {
    return Object.getPrototypeOf(handle) as Record<SyncMethod, () => Promise<void>>;
  } finally {
    await handle.close();
  }
}

/** Whether the open `handle` is the file now at `path` (an in-place write, not a temp file). */
function isFileAt(handle: FileHandle, path: string): boolean {
  try {
    const open = fstatSync(handle.fd);
    const named = statSync(path);
    return open.ino === named.ino && open.dev === named.dev;
  } catch {
    return false;
  }
}

/**
 * Counts completed durable writes of `dir/name` without touching the store's
 * code, whichever way it writes:
 *
 * - A whole-file write (JsonFileStorage's rewrites, every lowdb/steno write)
 *   ends with `rename(temp, name)`. On Linux, inotify reports that as
 *   IN_MOVED_TO carrying `name`, which `fs.watch` delivers as one "rename"
 *   event whose filename is `name`. Nothing else in these benchmarks creates,
 *   renames or deletes a file of that name (temp files, the lock and backups
 *   have other names), so those events count the rewrites. inotify only
 *   merges identical consecutive events and each rename has its own cookie,
 *   so none is lost. Events arrive asynchronously: `stop()` lets them drain.
 * - A write in place (JsonFileStorage's appends since issue 10) ends with
 *   `fdatasync` of the file itself: FileHandle's `sync` and `datasync` are
 *   wrapped, in this process, to count the calls on a handle whose inode is
 *   the one at `name` now. The fsync of a temp file before its rename is on
 *   another inode, so a rewrite is not counted twice.
 *
 * (Linux-specific: macOS FSEvents may coalesce events; counts there are a lower bound.)
 */
export class WriteCounter {
  #renames = 0;
  #syncs = 0;
  readonly #watcher: FSWatcher;
  readonly #unwrap: () => void;

  private constructor(dir: string, name: string, proto: Record<SyncMethod, () => Promise<void>>) {
    const path = join(dir, name);
    this.#watcher = watch(dir, (eventType, filename) => {
      if (eventType === "rename" && filename === name) this.#renames++;
    });
    const originals = { sync: proto.sync, datasync: proto.datasync };
    const count = () => {
      this.#syncs++;
    };
    for (const method of ["sync", "datasync"] as const) {
      const original = originals[method];
      proto[method] = async function (this: FileHandle) {
        const inPlace = isFileAt(this, path);
        await original.call(this);
        if (inPlace) count();
      };
    }
    this.#unwrap = () => {
      proto.sync = originals.sync;
      proto.datasync = originals.datasync;
    };
  }

  /** Starts counting the writes of `dir/name`. One counter at a time. */
  static async start(dir: string, name = "events.json"): Promise<WriteCounter> {
    return new WriteCounter(dir, name, await fileHandlePrototype());
  }

  /** Writes seen so far (rename events already delivered, and syncs in place). */
  get count(): number {
    return this.#renames + this.#syncs;
  }

  /** Waits for pending events, stops counting and returns the count. */
  async stop(): Promise<number> {
    await sleep(50);
    this.#watcher.close();
    this.#unwrap();
    return this.count;
  }
}
