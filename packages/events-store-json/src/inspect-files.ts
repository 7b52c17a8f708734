import { readdir, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { readLock } from "./file-lock.js";
import { storeFiles } from "./store-files.js";

/** A file next to the events file: a backup or a writer's temp file. */
export interface StoreFileInfo {
  readonly path: string;
  readonly sizeBytes: number;
  /** Last modification, ISO 8601. */
  readonly modifiedAt: string;
}

/** The write lock (`<path>.lock`) as it is now. */
export interface LockReport {
  readonly path: string;
  /**
   * `free`: no lock; `live`: held by a process of this host that runs (paused
   * or not: it keeps the lock); `stale`: its holder is dead, and the next writer
   * takes it over; `unknown`: held from another host, or by a file this store
   * did not write, which is never taken over automatically (see `breakLock`);
   * `legacy`: a directory lock of a store version before 1.0.
   */
  readonly state: "free" | "live" | "stale" | "unknown" | "legacy";
  /** Who holds it, as the lock file says; `null` when free or unreadable. */
  readonly holder: { readonly pid: number; readonly host: string; readonly since: string } | null;
  /** Milliseconds since the lock file was written; `null` when free. */
  readonly ageMs: number | null;
}

/** Files in the events file's folder whose names `match`, sorted by name. */
export async function siblings(
  path: string,
  match: (name: string) => boolean,
): Promise<StoreFileInfo[]> {
  const dir = dirname(path);
  const names = await readdir(dir).catch(() => [] as string[]);
  const found = await Promise.all(
    names
      .filter((name) => name !== basename(path) && match(name))
      .sort(byBackupNumber)
      .map(async (name) => {
        const info = await stat(join(dir, name)).catch(() => undefined);
        return info === undefined
          ? []
          : [{ path: join(dir, name), sizeBytes: info.size, modifiedAt: info.mtime.toISOString() }];
      }),
  );
  return found.flat();
}

/** `x.bak` < `x.bak.1` < `x.bak.2` < `x.bak.10`. */
function byBackupNumber(a: string, b: string): number {
  const n = (name: string) => Number(/\.bak\.(\d+)$/.exec(name)?.[1] ?? 0);
  return n(a) - n(b) || a.localeCompare(b);
}

/** The lock's state, judged by the store's own rule (is its holder alive?). */
export function inspectLock(path: string): LockReport {
  const lockPath = storeFiles.lock(path);
  const state = readLock(lockPath);
  switch (state.kind) {
    case "free":
      return { path: lockPath, state: "free", holder: null, ageMs: null };
    case "legacy":
      return { path: lockPath, state: "legacy", holder: null, ageMs: Math.round(state.ageMs) };
    case "foreign":
    case "special":
      return { path: lockPath, state: "unknown", holder: null, ageMs: ageOf(state.mtimeMs) };
    case "held": {
      const { pid, host, since } = state.owner;
      const judged =
        state.liveness === "alive" ? "live" : state.liveness === "dead" ? "stale" : "unknown";
      return {
        path: lockPath,
        state: judged,
        holder: { pid, host, since },
        ageMs: ageOf(state.mtimeMs),
      };
    }
  }
}

const ageOf = (mtimeMs: number): number => Math.round(Math.abs(Date.now() - mtimeMs));
