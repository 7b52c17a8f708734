import { makeRecord, runStorageConformance } from "@phaser/events-storage-testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MemoryStorage } from "../src/index.js";

runStorageConformance({ describe, it, expect, beforeEach, afterEach }, () => new MemoryStorage(), {
  name: "MemoryStorage",
  createRetentionStorage: (options) => new MemoryStorage(options),
});

describe("MemoryStorage", () => {
  it("counts what it holds", async () => {
    const storage = new MemoryStorage();
    expect(storage.size).toBe(0);
    await storage.appendEvents([makeRecord(), makeRecord({ audit_id: "other" })]);
    expect(storage.size).toBe(2);
    await storage.clearEvents();
    expect(storage.size).toBe(0);
  });

  it("keeps separate stores separate", async () => {
    const a = new MemoryStorage();
    const b = new MemoryStorage();
    await a.appendEvent(makeRecord());
    expect(await b.getEvents()).toEqual([]);
  });
});
