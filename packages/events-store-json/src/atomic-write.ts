import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { copyFile, mkdir, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Replaces `path` with `contents` atomically and durably: write a temp file
 * with a name unique to this writer, fsync it, rename it over `path`, then
 * fsync the directory so the rename itself survives a crash. Readers see the
 * old file or the new one, never a mix. On failure the temp file is removed
 * and `path` is unchanged.
 */
export async function writeFileAtomic(path: string, contents: string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const handle = await open(temp, "wx");
    try {
      await handle.writeFile(contents, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  await syncDirectory(dir);
}

/** fsyncs a directory; platforms that cannot (Windows) are skipped. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EISDIR" && code !== "EPERM" && code !== "EINVAL") throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * Copies `path` to `path.bak`, or `path.bak.1`, `path.bak.2`… when those exist:
 * an older backup is never overwritten. Returns the backup's path.
 */
export async function backupFile(path: string): Promise<string> {
  for (let n = 0; ; n++) {
    const target = n === 0 ? `${path}.bak` : `${path}.bak.${n}`;
    try {
      await copyFile(path, target, constants.COPYFILE_EXCL);
      const handle = await open(target, "r");
      await handle.sync().finally(() => handle.close());
      return target;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}
