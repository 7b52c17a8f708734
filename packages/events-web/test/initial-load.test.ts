import { join } from "node:path";
import type { EventStorage } from "@phaser/events-core";
import { JsonFileStorage } from "@phaser/events-store-json";
import { MemoryStorage } from "@phaser/events-store-memory";
import { describe, expect, it } from "vitest";
import {
  appliedUpTo,
  auditRecords,
  eventCountOf,
  later,
  phaseRecord,
  racingLoad,
  serve,
  tempDir,
} from "./helpers.js";
import { openStream } from "./sse-reader.js";

const AUDIT = "aaaaaaaa-0000-4000-8000-000000000001";
const settled = (url: string, writer: EventStorage) => appliedUpTo(url, writer, AUDIT);
const eventCount = (url: string) => eventCountOf(url, AUDIT);

describe("the initial load", () => {
  it("counts once each record appended while it loads (memory store)", async () => {
    const storage = new MemoryStorage();
    await storage.appendEvents(auditRecords(AUDIT, { ended: false }));
    const server = await serve(
      racingLoad(storage, {
        before: () => storage.appendEvent(phaseRecord(AUDIT)),
        after: () => storage.appendEvent(phaseRecord(AUDIT)),
      }),
    );
    await settled(server.url, storage);
    expect(await eventCount(server.url)).toBe(3 + 2 + 1);
    expect((await storage.getEvents()).length).toBe(6);
  });

  it("counts once a record in the snapshot that the watch delivers after the load (JSON store, another writer)", async () => {
    const path = join(tempDir(), "events.json");
    const storage = new JsonFileStorage({ path });
    const writer = new JsonFileStorage({ path });
    later(() => Promise.all([storage.close(), writer.close()]));
    await writer.appendEvents(auditRecords(AUDIT, { ended: false }));
    let loaded: () => void = () => {};
    const deliverFrom = new Promise<void>((resolve) => {
      loaded = resolve;
    });
    const server = await serve(
      racingLoad(storage, {
        before: () => writer.appendEvents([phaseRecord(AUDIT), phaseRecord(AUDIT)]),
        after: async () => {},
        deliverFrom,
      }),
    );
    loaded();
    await settled(server.url, writer);
    expect(await eventCount(server.url)).toBe(3 + 2 + 1);
    const next = await openStream(server.url);
    await writer.appendEvent(phaseRecord(AUDIT));
    const [message] = await next.untilRecords(1);
    expect(message?.audit?.eventCount).toBe(7);
  });

  it("rejects, leaving nothing running, when the store has no watch", async () => {
    const storage = new MemoryStorage();
    const unwatchable: EventStorage = {
      appendEvent: (record) => storage.appendEvent(record),
      appendEvents: (records) => storage.appendEvents(records),
      getEvents: (query) => storage.getEvents(query),
      clearEvents: (options) => storage.clearEvents(options),
    };
    await expect(serve(unwatchable)).rejects.toThrow(/no watch/);
  });
});
