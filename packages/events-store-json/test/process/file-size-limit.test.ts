import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeTempDirs, tempDir } from "../helpers.js";
import { readStoreFile, spawnFixture, tmpFiles } from "./helpers.js";

afterAll(removeTempDirs);

interface Report {
  readonly name: string;
  readonly code: string;
  readonly isStorageError: boolean;
  readonly path: string;
  readonly causeCode: string;
  readonly message: string;
  readonly acked: number;
}

describe.skipIf(process.platform === "win32")("JsonFileStorage at the file-size limit", () => {
  it("rejects the append with EFBIG instead of being killed by SIGXFSZ", async () => {
    const dir = tempDir();
    const path = join(dir, "events.json");
    // 64 blocks of 1024 bytes (bash): room for ~30 events of ~2 KB.
    const writer = spawnFixture("append-until-full.mjs", [path], {
      wrapper: ["bash", "-c", 'ulimit -f 64 && exec "$0" "$@"'],
    });
    const exit = await writer.closed;
    expect(exit, writer.stderr()).toEqual({ code: 0, signal: null });

    expect(writer.lines).toHaveLength(1);
    const report = JSON.parse(writer.lines[0] ?? "") as Report;
    expect(report).toMatchObject({
      name: "StorageError",
      code: "STORAGE_ERROR",
      isStorageError: true,
      path,
      causeCode: "EFBIG",
    });
    expect(report.acked).toBeGreaterThan(10);

    const file = readStoreFile(path);
    expect(file.version).toBe(1);
    expect(file.events).toHaveLength(report.acked);
    expect(tmpFiles(dir)).toEqual([]);
  }, 30_000);
});
