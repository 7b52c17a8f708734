import { randomBytes } from "node:crypto";
import { constants, createWriteStream } from "node:fs";
import { lstat, mkdir, open, readlink, realpath, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { cliIo } from "../io/cli-io.js";

/**
 * Mode of an export file that did not exist: an export holds what the store
 * holds (command output, paths, branch names), and the JSON store keeps its
 * files 0600. So does an export of a PostgreSQL store: the database has its
 * own access control, and a copy on disk should not be more open than that.
 * An existing file keeps its mode.
 */
export const NEW_EXPORT_MODE = 0o600;

/** Links followed before giving up, as Linux does (ELOOP after 40). */
const MAX_LINKS = 40;

/** A descriptor of this process by path: `/dev/fd/N`, `/proc/self/fd/N`, `/proc/<pid>/fd/N`. */
const FD_PATH = /^\/(?:dev|proc\/(?:self|thread-self|(\d+)))\/fd\/(\d+)$/;

/** Where `--out` leads once its links are followed. */
export type ExportTarget =
  /** A regular file, or nothing yet: replaced (or created) whole, at this path. */
  | { readonly kind: "file"; readonly path: string }
  /** A FIFO, a character device, a socket, another process's descriptor: opened and written. */
  | { readonly kind: "stream"; readonly path: string }
  /** One of this process's own descriptors (`/dev/stdout` is fd 1): written as it is. */
  | { readonly kind: "descriptor"; readonly fd: number };

/**
 * Follows `file`'s symbolic links, one at a time, to what it names. Stops at
 * a path that names one of this process's descriptors (`/dev/stdout` →
 * `/proc/self/fd/1`), since what that link reads as (`pipe:[…]`, a socket,
 * a file opened for appending) is not a path to open again.
 */
export async function resolveExportTarget(file: string): Promise<ExportTarget> {
  let path = resolve(file);
  for (let links = 0; ; links++) {
    const fd = FD_PATH.exec(path);
    if (fd !== null) {
      const pid = fd[1];
      if (pid === undefined || Number(pid) === process.pid) {
        return { kind: "descriptor", fd: Number(fd[2]) };
      }
      return { kind: "stream", path };
    }
    const info = await lstat(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
    if (info === undefined) return { kind: "file", path };
    if (!info.isSymbolicLink()) {
      const stream = info.isFIFO() || info.isCharacterDevice() || info.isSocket();
      return { kind: stream ? "stream" : "file", path };
    }
    if (links === MAX_LINKS) {
      throw Object.assign(new Error(`more than ${MAX_LINKS} symbolic links from ${file}`), {
        code: "ELOOP",
      });
    }
    // A relative link is relative to the folder the link is really in.
    path = resolve(await realpath(dirname(path)), await readlink(path));
  }
}

/**
 * Writes an export to `file` without ever replacing what is not a regular
 * file: through symbolic links to their target; to a FIFO, a terminal or
 * another device as a stream; to `/dev/stdout` (or any `/dev/fd/N`) on that
 * descriptor. A regular file (or a new one) is written whole or not at all
 * (see {@link writeFileAtomically}). Returns the absolute path given.
 */
export async function writeExport(file: string, text: string): Promise<string> {
  const target = await resolveExportTarget(file);
  if (target.kind === "file") await writeFileAtomically(target.path, text);
  else if (target.kind === "stream") await writeStream(target.path, text);
  else await writeDescriptor(target.fd, text);
  return resolve(file);
}

/**
 * Writes `text` to `file` whole or not at all: parent folders are created,
 * the text goes to a temporary file beside it (fsync'd), which is then
 * renamed over `file`. A failed or interrupted write leaves any earlier
 * `file` as it was. A new file gets {@link NEW_EXPORT_MODE}; an existing one
 * keeps its mode (and its owner, where this process may set it). Returns the
 * absolute path written.
 */
export async function writeFileAtomically(file: string, text: string): Promise<string> {
  const target = resolve(file);
  const dir = dirname(target);
  await mkdir(dir, { recursive: true });
  const existing = await stat(target).catch(() => undefined);
  const mode = existing === undefined ? NEW_EXPORT_MODE : existing.mode & 0o777;
  const temp = join(
    dir,
    `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    const handle = await open(temp, "wx", mode);
    try {
      await handle.chmod(mode); // exactly: open's mode is narrowed by the umask
      if (existing !== undefined) {
        await handle.chown(existing.uid, existing.gid).catch(() => {}); // only root may give it away
      }
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return target;
}

/** Opens a FIFO or device for writing (a FIFO waits for its reader) and writes `text` to it. */
async function writeStream(path: string, text: string): Promise<void> {
  // No O_CREAT: if the device went away since it was looked at, fail rather than make a file.
  const handle = await open(path, constants.O_WRONLY | constants.O_APPEND | constants.O_NOCTTY);
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
}

/** Writes `text` on a descriptor this process already has: stdout and stderr through their streams. */
async function writeDescriptor(fd: number, text: string): Promise<void> {
  const io = cliIo();
  const stream = fd === 1 ? io.stdout : fd === 2 ? io.stderr : undefined;
  if (stream !== undefined) {
    await new Promise<void>((done, fail) => {
      stream.write(text, (error) => (error ? fail(error) : done()));
    });
    return;
  }
  const out = createWriteStream("", { fd, autoClose: false });
  await new Promise<void>((done, fail) => {
    out.once("error", fail);
    out.end(text, done);
  });
}
