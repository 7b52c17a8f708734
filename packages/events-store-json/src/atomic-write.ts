import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import {
  chmod,
  copyFile,
  type FileHandle,
  link,
  mkdir,
  open,
  rename,
  stat,
  unlink,
} from "node:fs/promises";
import { dirname } from "node:path";
import { storeFiles } from "./store-files.js";

/**
 * Replaces `path` with `contents` atomically and durably: write a temp file
 * with a name unique to this writer, fsync it, rename it over `path`, then
 * fsync the directory so the rename itself survives a crash. Readers see the
 * old file or the new one, never a mix. On failure the temp file is removed
 * and `path` is unchanged.
 */
export async function writeFileAtomic(
  path: string,
  contents: string | Iterable<Uint8Array>,
): Promise<void> {
  const dir = dirname(path);
  const temp = storeFiles.rewriteTemp(path, process.pid, randomBytes(6).toString("hex"));
  // Events carry command output: new files are private. An existing file keeps its mode.
  const mode = await stat(path).then(
    (s) => s.mode & 0o777,
    () => 0o600,
  );
  try {
    const handle = await openNew(temp, mode);
    try {
      await (handle as ChunkWriter).writeFile(contents);
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

/**
 * `FileHandle.writeFile` writes an iterable of chunks in order (Node 15.14 and
 * later, as `fsPromises.writeFile` does); @types/node 20 declares only
 * `string | Uint8Array` for it.
 */
interface ChunkWriter {
  writeFile(data: string | Iterable<Uint8Array>): Promise<void>;
}

/** Creates `file` for writing; creates its folder (mode 0700) only when it is missing. */
async function openNew(file: string, mode: number): Promise<FileHandle> {
  try {
    return await open(file, "wx", mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    return open(file, "wx", mode);
  }
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
 * an older backup is never overwritten. The copy is made under a temp name,
 * fsync'd, then hard-linked to its final name (which fails rather than
 * replace an existing file), so a backup is always complete. Returns its path.
 */
export async function backupFile(path: string): Promise<string> {
  const temp = storeFiles.rewriteTemp(path, process.pid, `bak-${randomBytes(6).toString("hex")}`);
  try {
    await copyFile(path, temp, constants.COPYFILE_EXCL);
    await chmod(temp, 0o600);
    const handle = await open(temp, "r");
    await handle.sync().finally(() => handle.close());
    for (let n = 0; ; n++) {
      const target = storeFiles.backup(path, n);
      try {
        await link(temp, target);
        await syncDirectory(dirname(path));
        return target;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
    }
  } finally {
    await unlink(temp).catch(() => {});
  }
}
