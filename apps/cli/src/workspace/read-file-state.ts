import { createHash } from "node:crypto";
import { type BigIntStats, constants } from "node:fs";
import { type FileHandle, lstat, open, readlink } from "node:fs/promises";
import {
  LineHasher,
  type LineHashes,
  MAX_COUNTED_BYTES,
  MAX_COUNTED_LINES,
} from "./line-hashes.js";
import type { Pacer } from "./pacer.js";

/** One file as a snapshot saw it. */
export interface FileState {
  /** Size in bytes (for a symbolic link, of the path it holds). */
  readonly size_bytes: number;
  /**
   * Size, modification and change times (ns) and inode, from `lstat`: while
   * they stay the same the file is not read again. A write always moves the
   * change time, which no tool can set back.
   */
  readonly stamp: string;
  /**
   * What tells a modified file: `sha1:` and the SHA-1 of the bytes, read by
   * streaming; `link:` and the SHA-1 of a symbolic link's target (links are
   * not followed, as git does not); `stat:` and the size, modification time
   * and inode for a file over {@link HASHED_MAX_BYTES} or one that cannot be
   * read, which is then modified when any of them changes.
   */
  readonly digest: string;
  /** The lines, for line counts; `null` for a binary file, a big one, or past the budget. */
  readonly lines: LineHashes | null;
}

/**
 * Files up to this size are hashed (read by streaming, 1 MiB at a time).
 * Bigger ones are compared by size, modification time and inode: reading
 * 3 GiB to hash it costs about 2.5 s of CPU here, and such files (data
 * sets, disk images) are rewritten, not edited, so their metadata changes.
 */
export const HASHED_MAX_BYTES = 1024 ** 3;

/** What one snapshot shares between the files it reads. */
export interface ReadContext {
  /** Reused for every read: one file is read at a time. */
  readonly buffer: Buffer;
  readonly pacer: Pacer;
  /** Lines the snapshot may still keep. */
  readonly lines: { left: number };
  readonly onWarning?: ((message: string) => void) | undefined;
}

/** Gone between the listing and the read (or replaced by a link while opened): not in the snapshot. */
const GONE = new Set(["ENOENT", "ENOTDIR", "ELOOP"]);

/**
 * The state of the file at `absolute` (`path` relative, for warnings), or
 * `undefined` if it is gone or is no regular file or link. `before` is
 * reused when its stamp still matches. Never follows a symbolic link, never
 * blocks on a FIFO swapped in after the listing (opened non-blocking, then
 * checked through its own handle).
 */
export async function readFileState(
  absolute: string,
  path: string,
  before: FileState | undefined,
  context: ReadContext,
): Promise<FileState | undefined> {
  let info: BigIntStats;
  try {
    info = await lstat(absolute, { bigint: true });
  } catch (error) {
    return unreadable(error, path, undefined, context);
  }
  if (before !== undefined && before.stamp === stampOf(info)) {
    context.lines.left -= before.lines?.length ?? 0;
    return before;
  }
  if (info.isSymbolicLink()) {
    try {
      const target = await readlink(absolute, { encoding: "buffer" });
      return { ...sized(info), digest: `link:${sha1(target)}`, lines: null };
    } catch (error) {
      return unreadable(error, path, info, context);
    }
  }
  if (!info.isFile()) return undefined;
  if (info.size > HASHED_MAX_BYTES) return byMetadata(info);
  let handle: FileHandle;
  try {
    const flags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
    handle = await open(absolute, flags);
  } catch (error) {
    return unreadable(error, path, info, context);
  }
  try {
    return await hashOpenFile(handle, context);
  } catch (error) {
    context.pacer.check();
    return unreadable(error, path, info, context);
  } finally {
    await handle.close();
  }
}

async function hashOpenFile(
  handle: FileHandle,
  context: ReadContext,
): Promise<FileState | undefined> {
  const info = await handle.stat({ bigint: true });
  if (!info.isFile()) return undefined;
  if (info.size > HASHED_MAX_BYTES) return byMetadata(info);
  const size = Number(info.size);
  const digest = createHash("sha1");
  const maxLines = Math.max(0, Math.min(MAX_COUNTED_LINES, context.lines.left));
  const lines = new LineHasher(MAX_COUNTED_BYTES, maxLines);
  const { buffer, pacer } = context;
  let read = 0;
  // Up to the size the file had when opened: a file that grows meanwhile is read again next time.
  while (read < size) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - read), read);
    if (bytesRead === 0) break;
    const chunk = buffer.subarray(0, bytesRead);
    digest.update(chunk);
    lines.update(chunk);
    read += bytesRead;
    await pacer.step(bytesRead >>> 6);
  }
  const hashes = lines.finish();
  context.lines.left -= hashes?.length ?? 0;
  return {
    size_bytes: read,
    stamp: stampOf(info),
    digest: `sha1:${digest.digest("hex")}`,
    lines: hashes,
  };
}

function stampOf(info: BigIntStats): string {
  return `${info.size}:${info.mtimeNs}:${info.ctimeNs}:${info.ino}`;
}

function sized(info: BigIntStats): Pick<FileState, "size_bytes" | "stamp"> {
  return { size_bytes: Number(info.size), stamp: stampOf(info) };
}

function byMetadata(info: BigIntStats): FileState {
  return { ...sized(info), digest: `stat:${info.size}:${info.mtimeNs}:${info.ino}`, lines: null };
}

function sha1(bytes: Uint8Array): string {
  return createHash("sha1").update(bytes).digest("hex");
}

/**
 * A file gone since the listing is left out. One that exists but cannot be
 * read (EACCES, EIO) is kept, compared by its metadata, with a warning.
 */
function unreadable(
  error: unknown,
  path: string,
  info: BigIntStats | undefined,
  context: ReadContext,
): FileState | undefined {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  if (GONE.has(code) || info === undefined) {
    if (!GONE.has(code)) context.onWarning?.(`cannot read ${path} (${code}): not watched`);
    return undefined;
  }
  context.onWarning?.(`cannot read ${path} (${code}): compared by size and time only`);
  return byMetadata(info);
}
