import { join } from "node:path";
import type { EventQuery, EventRecord, EventStorage } from "@phaser/events-core";
import { JsonFileStorage } from "@phaser/events-store-json";
import { MemoryStorage } from "@phaser/events-store-memory";
import { describe, expect, it } from "vitest";
import { auditRecords, later, phaseRecord, serve, tempDir } from "./helpers.js";
import { send } from "./http-client.js";
import { openStream } from "./sse-reader.js";

const AUDIT = "aaaaaaaa-0000-4000-8000-000000000001";

/**
 * `storage`, except that its first whole read (the server's load) runs
 * `during` around it: appends by another writer after the server's watch
 * started, before and after the snapshot is read.
 */
function racingLoad(
  storage: EventStorage,
  during: { before: () => Promise<void>; after: () => Promise<void>; deliverFrom?: Promise<void> },
): EventStorage {
  let first = true;
  const watch = storage.watch as NonNullable<EventStorage["watch"]>;
  return {
    appendEvent: (record) => storage.appendEvent(record),
    appendEvents: (records) => storage.appendEvents(records),
    clearEvents: (options) => storage.clearEvents(options),
    // With `deliverFrom`, the watch delivers nothing before it resolves, as a store that
    // polls (PostgreSQL: every second) may not have before the load ends.
    watch: (listener, options) =>
      watch.call(
        storage,
        async (record, position) => {
          await during.deliverFrom;
          await listener(record, position);
        },
        options,
      ),
    async getEvents(query?: EventQuery): Promise<EventRecord[]> {
      if (!first || query !== undefined) return storage.getEvents(query);
      first = false;
      await during.before();
      const snapshot = await storage.getEvents();
      await during.after();
      return snapshot;
    },
  };
}

/** Appends a marker through `writer` and waits for the server to stream it: it has applied everything before. */
async function settled(url: string, writer: EventStorage): Promise<void> {
  const stream = await openStream(url);
  await writer.appendEvent(phaseRecord(AUDIT, { marker: true }));
  await stream.untilRecords(1);
  stream.close();
}

async function eventCount(url: string): Promise<number | undefined> {
  const body = (await send(url, "/api/audits")).json<{
    audits: { auditId: string; eventCount: number }[];
  }>();
  return body.audits.find((a) => a.auditId === AUDIT)?.eventCount;
}

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
