import { readFileSync } from "node:fs";
import { rm, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { afterEach, describe, expect, it } from "vitest";
import { trackFileChanges } from "../src/workspace/file-changes.js";
import { tempDir } from "./run-cli.js";

let dir: string;

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Bytes this process has read through system calls so far (Linux). */
function bytesRead(): number {
  return Number(/^rchar: (\d+)$/m.exec(readFileSync("/proc/self/io", "utf8"))?.[1]);
}

/** Resolves once this process has read `bytes` more, checking on every event-loop turn. */
function afterReading(bytes: number): Promise<void> {
  const start = bytesRead();
  return new Promise((resolve) => {
    const check = () => (bytesRead() - start >= bytes ? resolve() : setImmediate(check));
    setImmediate(check);
  });
}

describe("trackFileChanges and an AbortSignal", () => {
  it("collect() rejects with an AbortError within milliseconds when aborted mid-hash, and the tracker goes on", async () => {
    dir = await tempDir();
    await writeFile(join(dir, "notes.txt"), "one\n");
    const tracker = await trackFileChanges(dir);
    // Three 1 GiB files of zeros (sparse: no disk), hashed whole: seconds of CPU.
    for (const name of ["a.bin", "b.bin", "c.bin"]) {
      await writeFile(join(dir, name), "");
      await truncate(join(dir, name), 1024 ** 3);
    }
    await writeFile(join(dir, "notes.txt"), "one\ntwo\n");
    const controller = new AbortController();
    const collecting = tracker.collect({ signal: controller.signal });
    const outcome = collecting.then(
      () => "resolved",
      (error: unknown) => error,
    );
    await afterReading(64 * 1024 * 1024); // hashing is under way, and the event loop turns meanwhile
    const aborted = performance.now();
    controller.abort();
    expect(await outcome).toMatchObject({ name: "AbortError" });
    // The lead's budget for Ctrl-C is 2 s in all; a slice of work is a few ms.
    expect(performance.now() - aborted).toBeLessThan(1000);

    for (const name of ["a.bin", "b.bin", "c.bin"]) await rm(join(dir, name));
    expect(await tracker.collect()).toEqual([
      { kind: "modified", path: "notes.txt", size_bytes: 8, lines_added: 1, lines_removed: 0 },
    ]);
  });

  it("the first snapshot rejects at once with a signal already aborted", async () => {
    dir = await tempDir();
    const controller = new AbortController();
    controller.abort();
    await expect(trackFileChanges(dir, { signal: controller.signal })).rejects.toMatchObject({
      name: "AbortError",
    });
  });
});
