import { constants, readSync } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { Entry } from "./entry.js";
import { UnsupportedFileError } from "./errors/unsupported-file-error.js";
import { ANCHOR } from "./events-file-parser.js";
import type { EventsFile } from "./events-file-reader.js";
import { identityOf, sameIdentity } from "./file-identity.js";
import type { HeldLock } from "./file-lock.js";
import type { Line } from "./record-line.js";

/** Between two record lines. */
export const SEPARATOR = ",\n    ";
/** After the last record line (or after `[`): closes `events` and the root. */
export const CLOSING = "\n  ]\n}\n";

/**
 * Appends `lines` in place: overwrites the closing bytes after the file's
 * last element with the new record lines and a fresh closing, then
 * `fdatasync`s. No temp file, rename or folder fsync: the cost is the new
 * bytes, whatever the file's size. `lock.verify()` runs just before the
 * first byte is written. If the write fails, the old closing is put back
 * (the file is as before); if even that fails, the file has a torn tail
 * that the next writer repairs. Resolves with the file as it now is.
 */
export async function appendInPlace(
  file: EventsFile,
  lines: readonly Line[],
  lock: HeldLock,
): Promise<EventsFile> {
  const handle = await openForWrite(file.path);
  try {
    const stats = await handle.stat();
    if (!sameIdentity(identityOf(stats), file.identity)) {
      throw new Error(
        `the events file changed under the lock (expected ${file.identity.size} bytes, found ${stats.size})`,
      );
    }
    const first = file.count > 0 ? SEPARATOR : "\n    ";
    const text = first + lines.map((line) => line.json).join(SEPARATOR) + CLOSING;
    const bytes = Buffer.from(text);
    const oldTail = Buffer.alloc(stats.size - file.tailStart);
    readSync(handle.fd, oldTail, 0, oldTail.length, file.tailStart);
    lock.verify();
    try {
      if (oldTail.length > bytes.length) await handle.truncate(file.tailStart);
      await writeAll(handle, bytes, file.tailStart);
      await handle.datasync();
    } catch (error) {
      await restore(handle, file.tailStart, oldTail);
      throw error;
    }
    let at = file.tailStart + Buffer.byteLength(first);
    let seq = file.nextSeq;
    const entries = lines.map((line) => {
      const entry = new Entry(line.record, at, at + line.bytes, seq++);
      at += line.bytes + SEPARATOR.length;
      return entry;
    });
    const tailStart = file.tailStart + bytes.length - CLOSING.length;
    const after = await handle.stat();
    // The bytes before the new tail: the old anchor followed by what was just written.
    const written = bytes.subarray(0, bytes.length - CLOSING.length);
    const anchor = Buffer.concat([file.anchor, written.subarray(-ANCHOR)]).subarray(-ANCHOR);
    for (const entry of entries) file.entries.push(entry);
    return {
      ...file,
      identity: identityOf(after),
      count: file.count + lines.length,
      nextSeq: seq,
      tailStart,
      anchor,
      torn: false,
    };
  } finally {
    await handle.close();
  }
}

/**
 * Cuts a torn tail: truncates after the last complete element and writes the
 * closing, then `fdatasync`s. Only under the lock, so no live writer is
 * writing there.
 */
export async function repairTornTail(file: EventsFile, lock: HeldLock): Promise<EventsFile> {
  const handle = await openForWrite(file.path);
  try {
    lock.verify();
    await handle.truncate(file.tailStart);
    await writeAll(handle, Buffer.from(CLOSING), file.tailStart);
    await handle.datasync();
    return { ...file, identity: identityOf(await handle.stat()), torn: false };
  } finally {
    await handle.close();
  }
}

async function restore(handle: FileHandle, at: number, oldTail: Buffer): Promise<void> {
  try {
    await handle.truncate(at);
    await writeAll(handle, oldTail, at);
    await handle.datasync();
  } catch {
    // The file keeps a torn tail; the next writer repairs it under the lock.
  }
}

async function writeAll(handle: FileHandle, bytes: Buffer, position: number): Promise<void> {
  for (let done = 0; done < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
}

async function openForWrite(path: string): Promise<FileHandle> {
  const handle = await open(
    path,
    constants.O_RDWR | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0),
  );
  const stats = await handle.stat();
  if (!stats.isFile()) {
    await handle.close();
    throw new UnsupportedFileError(path, "not a regular file");
  }
  return handle;
}
