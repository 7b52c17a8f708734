import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { EventEmitter, isStorageError } from "@phaser/events-core";
import { makeRecord } from "@phaser/events-storage-testkit";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { JsonFileStorage } from "../src/index.js";
import { removeTempDirs, tempDir } from "./helpers.js";

// Injects fs failures: chmod cannot stop root, and CI runs as root.
const failures = vi.hoisted(() => ({
  rename: undefined as string | undefined,
  write: undefined as string | undefined,
}));
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...actual,
    // A temp file that opens but cannot be filled: a full disk.
    open: async (...args: Parameters<typeof actual.open>) => {
      const handle = await actual.open(...args);
      const code = failures.write;
      if (code === undefined || args[1] !== "wx") return handle;
      return {
        writeFile: async () => {
          throw Object.assign(new Error(`${code}: injected, write`), { code });
        },
        sync: () => handle.sync(),
        close: () => handle.close(),
      };
    },
    rename: async (from: string, to: string) => {
      if (failures.rename !== undefined) {
        throw Object.assign(new Error(`${failures.rename}: injected, rename '${from}'`), {
          code: failures.rename,
        });
      }
      return actual.rename(from, to);
    },
  };
});

afterEach(() => {
  failures.rename = undefined;
  failures.write = undefined;
});
afterAll(removeTempDirs);

describe("JsonFileStorage write failures", () => {
  it("rejects the emit with a StorageError, keeps the file and rolls back the failed events", async () => {
    const dir = tempDir();
    const storage = new JsonFileStorage({ dir });
    const heard: string[] = [];
    const emitter = new EventEmitter({ storage });
    emitter.subscribe((event) => heard.push(event.id));
    const kept = await emitter.emit("file_deleted", "a", { phase: 1, data: { path: "x" } });
    const before = readFileSync(join(dir, "events.json"), "utf8");

    failures.rename = "EROFS";
    const error = await emitter
      .emit("file_deleted", "a", { phase: 1, data: { path: "y" } })
      .catch((e: unknown) => e);
    expect(isStorageError(error)).toBe(true);
    expect((error as { path?: string }).path).toBe(join(dir, "events.json"));
    expect((error as { cause?: { code?: string } }).cause?.code).toBe("EROFS");
    expect(heard).toEqual([kept.id]);
    expect(readFileSync(join(dir, "events.json"), "utf8")).toBe(before);
    expect(readdirSync(dir)).toEqual(["events.json"]);
    expect((await storage.getEvents()).map((r) => r.id)).toEqual([kept.id]);

    failures.rename = undefined;
    const next = await emitter.emit("file_deleted", "a", { phase: 1, data: { path: "z" } });
    const file = JSON.parse(readFileSync(join(dir, "events.json"), "utf8"));
    expect(file.events.map((r: { id: string }) => r.id)).toEqual([kept.id, next.id]);
  });

  it("rejects with ENOSPC when the disk is full and leaves no temp file", async () => {
    const dir = tempDir();
    const storage = new JsonFileStorage({ dir });
    await storage.appendEvent(makeRecord());
    const before = readFileSync(join(dir, "events.json"), "utf8");
    failures.write = "ENOSPC";
    const error = await storage.appendEvent(makeRecord()).catch((e: unknown) => e);
    expect(isStorageError(error)).toBe(true);
    expect((error as Error).message).toContain("ENOSPC");
    expect((error as { cause?: { code?: string } }).cause?.code).toBe("ENOSPC");
    expect(readFileSync(join(dir, "events.json"), "utf8")).toBe(before);
    expect(readdirSync(dir)).toEqual(["events.json"]);
    failures.write = undefined;
    expect(await storage.getEvents()).toHaveLength(1);
  });

  it("fails every append of a shared batch together and none of them is stored", async () => {
    const storage = new JsonFileStorage({ dir: tempDir() });
    failures.rename = "ENOSPC";
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => storage.appendEvent(makeRecord())),
    );
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    failures.rename = undefined;
    expect(await storage.getEvents()).toEqual([]);
  });

  it("restores cleared events when the clear cannot be written", async () => {
    const storage = new JsonFileStorage({ dir: tempDir() });
    await storage.appendEvents([makeRecord(), makeRecord()]);
    failures.rename = "EIO";
    expect(isStorageError(await storage.clearEvents().catch((e: unknown) => e))).toBe(true);
    failures.rename = undefined;
    expect(await storage.getEvents()).toHaveLength(2);
  });
});
