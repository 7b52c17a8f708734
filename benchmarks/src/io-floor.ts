import { type FileHandle, open, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { median } from "./stats.js";
import { now } from "./util.js";

/**
 * The I/O floor of a durable whole-file write on this machine: `bytes` of text
 * written to a temp file, fsync'd, renamed over `events.json` and the
 * directory fsync'd. No lock, no serialization, no stat: what any store that
 * rewrites its file atomically on every write pays at least. Median of
 * `samples` writes, in ms.
 */
export async function atomicRewriteMs(
  dir: string,
  bytes: number,
  samples: number,
): Promise<number> {
  const text = "x".repeat(Math.max(1, Math.round(bytes)));
  const file = join(dir, "events.json");
  const temp = join(dir, "events.json.floor-tmp");
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = now();
    const handle = await open(temp, "w", 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    const folder = await open(dir, "r");
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
    times.push(now() - start);
  }
  await rm(file, { force: true });
  return median(times);
}

/** The bytes after the last record of a store file: the `events` array's and the root's closing. */
export const STORE_CLOSING = "\n  ]\n}\n";

/** The bytes one in-place append writes: the record line and a fresh closing. */
export function appendedBytes(recordJson: string): Buffer {
  return Buffer.from(`,\n    ${recordJson}${STORE_CLOSING}`);
}

/**
 * The I/O floor of a durable append in place: the new bytes written over the
 * file's closing (its last 7 bytes), then `fdatasync`. No lock, no
 * serialization, no stat, the file kept open: what any store that appends in
 * place pays at least per durable append.
 */
export class InPlaceAppender {
  readonly #handle: FileHandle;
  #size: number;

  private constructor(handle: FileHandle, size: number) {
    this.#handle = handle;
    this.#size = size;
  }

  static async open(file: string): Promise<InPlaceAppender> {
    const handle = await open(file, "r+");
    return new InPlaceAppender(handle, (await handle.stat()).size);
  }

  /** Writes `bytes` (from {@link appendedBytes}) over the closing and syncs; the time in ms. */
  async append(bytes: Buffer): Promise<number> {
    const start = now();
    await this.#handle.write(bytes, 0, bytes.length, this.#size - STORE_CLOSING.length);
    await this.#handle.datasync();
    const elapsed = now() - start;
    this.#size += bytes.length - STORE_CLOSING.length;
    return elapsed;
  }

  close(): Promise<void> {
    return this.#handle.close();
  }
}

/**
 * The in-place append floor at one file size: a file of `bytes` bytes, then
 * `samples` appends of a `lineBytes`-byte record each. Median, in ms.
 */
export async function inPlaceAppendMs(
  dir: string,
  bytes: number,
  lineBytes: number,
  samples: number,
): Promise<number> {
  const file = join(dir, "events.json");
  const filler = "x".repeat(Math.max(0, Math.round(bytes) - STORE_CLOSING.length));
  await writeFile(file, `${filler}${STORE_CLOSING}`, { mode: 0o600 });
  const line = appendedBytes(`{${"x".repeat(Math.max(0, Math.round(lineBytes) - 2))}}`);
  const appender = await InPlaceAppender.open(file);
  const times: number[] = [];
  try {
    for (let i = 0; i < samples; i++) times.push(await appender.append(line));
  } finally {
    await appender.close();
  }
  await rm(file, { force: true });
  return median(times);
}
