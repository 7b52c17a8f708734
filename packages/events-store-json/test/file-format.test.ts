import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EventEmitter, isStorageError } from "@phaser/events-core";
import { makeRecord } from "@phaser/events-storage-testkit";
import { afterAll, describe, expect, it } from "vitest";
import { JsonFileStorage } from "../src/index.js";
import { removeTempDirs, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

describe("JsonFileStorage file format", () => {
  it("writes { version: 1, events: [...] } holding the wire records", async () => {
    const dir = tempDir();
    const storage = new JsonFileStorage({ dir });
    const emitter = new EventEmitter({ storage });
    const event = await emitter.emit("audit_started", "a1", {
      data: { project: "Phaser", slug: "v1.2", phases_total: 6 },
    });
    const file = JSON.parse(readFileSync(join(dir, "events.json"), "utf8"));
    expect(file).toEqual({ version: 1, events: [event.toDict()] });
    expect(Object.keys(file.events[0])).toEqual([
      "id",
      "type",
      "timestamp",
      "audit_id",
      "phase",
      "data",
    ]);
  });

  it("treats a missing file as an empty store and creates file and folders on the first append", async () => {
    const dir = join(tempDir(), "nested", "deeper");
    const storage = new JsonFileStorage({ dir });
    expect(await storage.getEvents()).toEqual([]);
    expect(await storage.clearEvents()).toBe(0);
    expect(existsSync(dir)).toBe(false);
    await storage.appendEvent(makeRecord());
    expect(existsSync(join(dir, "events.json"))).toBe(true);
  });

  it("accepts { path } and resolves it", async () => {
    const path = join(tempDir(), "custom.json");
    const storage = new JsonFileStorage({ path });
    expect(storage.path).toBe(path);
    await storage.appendEvent(makeRecord());
    expect(JSON.parse(readFileSync(path, "utf8")).events).toHaveLength(1);
  });

  it("refuses both path and dir", () => {
    expect(() => new JsonFileStorage({ path: "/tmp/a.json", dir: "/tmp" })).toThrow(TypeError);
  });

  it("appends in place, leaving earlier bytes alone, and rewrites through a temp file", async () => {
    const dir = tempDir();
    const path = join(dir, "events.json");
    const storage = new JsonFileStorage({ dir });
    await storage.appendEvent(makeRecord());
    const first = statSync(path).ino;
    const before = readFileSync(path);
    await storage.appendEvents([makeRecord(), makeRecord()]);
    // An append overwrites only the closing bytes: same inode, the earlier bytes as they were.
    expect(statSync(path).ino).toBe(first);
    const closing = "\n  ]\n}\n".length;
    expect(
      readFileSync(path)
        .subarray(0, before.length - closing)
        .equals(before.subarray(0, -closing)),
    ).toBe(true);
    // A clear rewrites: rename() puts a new inode in place and no temp file is left.
    await storage.clearEvents();
    expect(statSync(path).ino).not.toBe(first);
    expect(readdirSync(dir)).toEqual(["events.json"]);
  });

  it("keeps equal timestamps in emit order in the file", async () => {
    const dir = tempDir();
    const clock = new Date("2025-12-05T10:15:30.123Z");
    const emitter = new EventEmitter({ storage: new JsonFileStorage({ dir }), now: () => clock });
    const events = await Promise.all(
      [1, 2, 3, 4].map((phase) =>
        emitter.emit("phase_skipped", "a", { phase, data: { reason: "user_request" } }),
      ),
    );
    const file = JSON.parse(readFileSync(join(dir, "events.json"), "utf8"));
    expect(file.events.map((r: { id: string }) => r.id)).toEqual(events.map((e) => e.id));
  });

  it("round-trips 10,000 events across 100 audits through the file", async () => {
    const dir = tempDir();
    const records = Array.from({ length: 10_000 }, (_, i) =>
      makeRecord({ audit_id: `audit-${i % 100}`, data: { n: i } }),
    );
    const writer = new JsonFileStorage({ dir });
    await writer.appendEvents(records);
    await writer.close();
    const reader = new JsonFileStorage({ dir });
    expect(await reader.getEvents()).toEqual(records);
    expect(await reader.getEvents({ auditId: "audit-7" })).toEqual(
      records.filter((r) => r.audit_id === "audit-7"),
    );
  });

  it("sees what another instance (or process) wrote to the same file", async () => {
    const path = join(tempDir(), "events.json");
    const a = new JsonFileStorage({ path });
    const b = new JsonFileStorage({ path });
    await a.appendEvent(makeRecord({ audit_id: "from-a" }));
    expect((await b.getEvents()).map((r) => r.audit_id)).toEqual(["from-a"]);
    await b.appendEvent(makeRecord({ audit_id: "from-b" }));
    expect((await a.getEvents()).map((r) => r.audit_id)).toEqual(["from-a", "from-b"]);
  });

  it("rejects a failed write with a StorageError naming the path and carrying the cause", async () => {
    const blocker = join(tempDir(), "not-a-dir");
    writeFileSync(blocker, "I am a file");
    const storage = new JsonFileStorage({ dir: blocker });
    const error = await storage.appendEvent(makeRecord()).catch((e: unknown) => e);
    expect(isStorageError(error)).toBe(true);
    expect((error as Error).message).toContain(join(blocker, "events.json"));
    // mkdir reports EEXIST (a file is in the way), reading reports ENOTDIR
    expect((error as { cause?: { code?: string } }).cause?.code).toMatch(/^(EEXIST|ENOTDIR)$/);
  });

  it("refuses use after close with a StorageError", async () => {
    const storage = new JsonFileStorage({ dir: tempDir() });
    await storage.close();
    const error = await storage.appendEvent(makeRecord()).catch((e: unknown) => e);
    expect(isStorageError(error)).toBe(true);
  });
});
