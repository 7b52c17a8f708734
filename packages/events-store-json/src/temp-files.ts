import { readdir, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { currentProcess, livenessOf } from "./process-identity.js";
import { storeFiles } from "./store-files.js";

/**
 * Removes the temp files (rewrites', locks') that killed writers of this host
 * left next to `path`: those whose writer's pid no longer runs. Called under
 * the lock. Resolves with how many it removed.
 */
export async function removeOrphanTempFiles(path: string): Promise<number> {
  const dir = dirname(path);
  const me = currentProcess();
  let removed = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!storeFiles.isTemp(path, name)) continue;
    const pid = storeFiles.tempPid(path, name);
    if (pid === undefined || pid === me.pid) continue;
    if (livenessOf({ ...me, pid, start: null }) !== "dead") continue;
    await unlink(join(dir, name)).then(
      () => removed++,
      () => {},
    );
  }
  return removed;
}
