import { readdir, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { STALE_LOCK_MS } from "./file-lock.js";

/** The temp-file name of one write: unique to the process and the write. */
export function tempFileName(path: string, pid: number, nonce: string): string {
  return join(dirname(path), `.${basename(path)}.${pid}.${nonce}.tmp`);
}

/**
 * Removes temp files that killed writers left next to `path`. Called while
 * holding the lock, so no live writer of this host is using one; a file is
 * removed when its writer's pid is gone or it is older than the stale window.
 */
export async function removeOrphanTempFiles(path: string): Promise<number> {
  const dir = dirname(path);
  const prefix = `.${basename(path)}.`;
  let removed = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const pid = Number(name.slice(prefix.length).split(".")[0]);
    const file = join(dir, name);
    if (pid === process.pid) continue;
    const old = await stat(file).then(
      (s) => s.mtimeMs < Date.now() - STALE_LOCK_MS,
      () => false,
    );
    if (!isAlive(pid) || old) {
      await unlink(file).then(
        () => removed++,
        () => {},
      );
    }
  }
  return removed;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
