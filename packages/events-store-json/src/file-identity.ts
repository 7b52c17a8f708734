import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readlinkSync,
  type Stats,
  statSync,
} from "node:fs";
import { dirname, resolve } from "node:path";
import { UnsupportedFileError } from "./errors/unsupported-file-error.js";

/** One state of the file on disk: a write by anyone changes it. */
export interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
}

export function identityOf(stats: Stats): FileIdentity {
  return {
    dev: stats.dev,
    ino: stats.ino,
    size: stats.size,
    mtimeMs: stats.mtimeMs,
    ctimeMs: stats.ctimeMs,
  };
}

export function sameIdentity(a: FileIdentity | null, b: FileIdentity | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.ino === b.ino &&
    a.dev === b.dev &&
    a.size === b.size &&
    a.mtimeMs === b.mtimeMs &&
    a.ctimeMs === b.ctimeMs
  );
}

/** The identity of the file at `path` now; `null` when there is none. */
export function statIdentity(path: string): FileIdentity | null {
  try {
    return identityOf(statSync(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

const MAX_LINKS = 40;

/**
 * The real events file behind `path`: a symlink (or a chain of them) is
 * followed, so the store reads, writes and locks the file it points to and
 * the link stays a link. The target may not exist yet (an empty store).
 * Anything but a regular file there (a FIFO, a device, a socket, a
 * directory) or a link loop is refused with {@link UnsupportedFileError}
 * before anything opens it.
 */
export function resolveEventsPath(path: string): string {
  let current = path;
  for (let hops = 0; hops <= MAX_LINKS; hops++) {
    let stats: Stats;
    try {
      stats = lstatSync(current);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return current;
      if (code === "ELOOP") throw new UnsupportedFileError(path, "a symlink loop", error);
      throw error;
    }
    if (stats.isSymbolicLink()) {
      current = resolve(dirname(current), readlinkSync(current));
      continue;
    }
    if (stats.isFile()) return current;
    throw new UnsupportedFileError(path, kindOf(stats));
  }
  throw new UnsupportedFileError(path, `a chain of more than ${MAX_LINKS} symlinks (a loop?)`);
}

/**
 * Opens the real events file for reading without ever blocking (a FIFO
 * swapped in after the check would otherwise hang the open); `null` when it
 * does not exist. Checks again, on the descriptor, that it is a regular file.
 */
export function openRegular(
  path: string,
  shown: string,
  flags = constants.O_RDONLY,
): { fd: number; stats: Stats } | null {
  let fd: number;
  try {
    fd = openSync(path, flags | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return null;
    if (code === "ELOOP")
      throw new UnsupportedFileError(shown, "a symlink that changed while opening it", error);
    if (code === "EISDIR") throw new UnsupportedFileError(shown, "a directory", error);
    throw error;
  }
  const stats = fstatSync(fd);
  if (!stats.isFile()) {
    closeQuietly(fd);
    throw new UnsupportedFileError(shown, kindOf(stats));
  }
  return { fd, stats };
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {}
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}
