import { open, rename, rm } from "node:fs/promises";
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
