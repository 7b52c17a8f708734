import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { EventEmitter, isStorageError } from "@phaser/events-core";
import { makeRecord } from "@phaser/events-storage-testkit";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { JsonFileStorage } from "../src/index.js";
import { removeTempDirs, tempDir } from "./helpers.js";

// Injects fs failures: chmod cannot stop root, and CI runs as root.
// - `rename`: a rewrite's rename fails (clear, cleanup, creating the file);
// - `write`: the next in-place write of an append writes half its bytes, then fails (a full
//   disk); with `persistent`, every later write fails too, so the undo cannot happen either;
// - `datasync`: the append's fdatasync fails (a disk error reported at sync time).
const failures = vi.hoisted(() => ({
  rename: undefined as string | undefined,
  write: undefined as string | undefined,
  persistent: false,
  datasync: undefined as string | undefined,
}));
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  const injected = (code: string, what: string) =>
    Object.assign(new Error(`${code}: injected, ${what}`), { code });
  return {
    ...actual,
    open: async (...args: Parameters<typeof actual.open>) => {
      const handle = await actual.open(...args);
      if (typeof args[1] !== "number") return handle; // only the append's O_RDWR descriptor
      return new Proxy(handle, {
        get(target, name) {
          if (name === "write") {
            return async (buffer: Buffer, offset: number, length: number, position: number) => {
              const code = failures.write;
              if (code === undefined) return target.write(buffer, offset, length, position);
              if (!failures.persistent) failures.write = undefined;
              await target.write(buffer, offset, Math.floor(length / 2), position);
              throw injected(code, "write");
            };
          }
          if (name === "datasync" && failures.datasync !== undefined) {
            const code = failures.datasync;
            return async () => {
              throw injected(code, "datasync");
            };
          }
          const value = Reflect.get(target, name);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
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
  failures.persistent = false;
  failures.datasync = undefined;
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

    failures.datasync = "EIO";
    const error = await emitter
      .emit("file_deleted", "a", { phase: 1, data: { path: "y" } })
      .catch((e: unknown) => e);
    expect(isStorageError(error)).toBe(true);
    expect((error as { path?: string }).path).toBe(join(dir, "events.json"));
    expect((error as { cause?: { code?: string } }).cause?.code).toBe("EIO");
    expect(heard).toEqual([kept.id]);
    expect(readFileSync(join(dir, "events.json"), "utf8")).toBe(before);
    expect(readdirSync(dir)).toEqual(["events.json"]);
    expect((await storage.getEvents()).map((r) => r.id)).toEqual([kept.id]);

    failures.datasync = undefined;
    const next = await emitter.emit("file_deleted", "a", { phase: 1, data: { path: "z" } });
    const file = JSON.parse(readFileSync(join(dir, "events.json"), "utf8"));
    expect(file.events.map((r: { id: string }) => r.id)).toEqual([kept.id, next.id]);
  });

  it("rejects with ENOSPC when the disk fills mid-append and puts the old closing back", async () => {
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

  it("leaves a torn tail when even the undo fails, and the next append repairs it", async () => {
    const dir = tempDir();
    const path = join(dir, "events.json");
    const storage = new JsonFileStorage({ dir });
    const kept = makeRecord();
    await storage.appendEvent(kept);
    failures.write = "ENOSPC";
    failures.persistent = true;
    expect(isStorageError(await storage.appendEvent(makeRecord()).catch((e: unknown) => e))).toBe(
      true,
    );
    failures.write = undefined;
    expect(() => JSON.parse(readFileSync(path, "utf8"))).toThrow(); // torn
    // A reader in another instance reads the complete records and changes nothing.
    const torn = readFileSync(path);
    const reader = new JsonFileStorage({ dir });
    expect((await reader.getEvents()).map((r) => r.id)).toEqual([kept.id]);
    expect(readFileSync(path).equals(torn)).toBe(true);
    // The next writer repairs the tail under the lock, then appends.
    const next = makeRecord();
    await reader.appendEvent(next);
    const file = JSON.parse(readFileSync(path, "utf8"));
    expect(file.events.map((r: { id: string }) => r.id)).toEqual([kept.id, next.id]);
    expect((await storage.getEvents()).map((r) => r.id)).toEqual([kept.id, next.id]);
  });
});
