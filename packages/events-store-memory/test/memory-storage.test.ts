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

  it("stops its watches on close: nothing is delivered after it", async () => {
    const storage = new MemoryStorage();
    const delivered: string[] = [];
    const watch = storage.watch((record) => {
      delivered.push(record.id);
    });
    await watch.ready;
    await storage.close();
    // A witness started after the close is woken by the same append as the closed watch would be.
    let seen: () => void = () => {};
    const witnessed = new Promise<void>((resolve) => {
      seen = resolve;
    });
    const witness = storage.watch(() => seen());
    await witness.ready;
    await storage.appendEvent(makeRecord());
    await witnessed;
    await witness.stop();
    expect(delivered).toEqual([]);
  });
});
