import { MemoryStorage } from "@phaser/events-store-memory";
import { describe, expect, it } from "vitest";
import { STORE_READ_SLOTS } from "../src/store-read-slots.js";
import { countingWatches, phaseRecord, serve } from "./helpers.js";
import { send } from "./http-client.js";
import { openStream } from "./sse-reader.js";

/**
 * 2,000 records of 20 kB: the server's ring of recent records (8 M characters) keeps the last
 * 400 or so, so a client from position 0 catches up from the store, 30 MB and more: more than
 * a socket takes from a client that does not read.
 */
async function bigStore() {
  const memory = new MemoryStorage();
  const pad = "x".repeat(20_000);
  await memory.appendEvents(Array.from({ length: 2000 }, () => phaseRecord("a1", { pad })));
  const counted = countingWatches(memory);
  const server = await serve(counted.storage, { heartbeatMs: 300 });
  return { server, counted, shared: counted.started() };
}

describe("clients that read the store from an old position", () => {
  it("take turns: two at once; one that stops reading is dropped, one that left while waiting reads nothing", async () => {
    const { server, counted, shared } = await bigStore();
    // Two clients that stop reading: they take both turns, then their sockets fill.
    const stalled = await Promise.all(
      [0, 1].map(() => openStream(server.url, "/api/stream?after=0")),
    );
    for (const stream of stalled) stream.pause();
    await expect.poll(() => counted.running()).toBe(shared + STORE_READ_SLOTS);
    // One that waits for a turn and leaves, and one that waits and reads.
    const gone = await openStream(server.url, "/api/stream?after=0");
    const reader = await openStream(server.url, "/api/stream?after=0");
    gone.close();
    const polled = send(server.url, "/api/events?after=0&limit=5");

    // The stalled ones are dropped after a heartbeat's time without taking anything: the turns
    // go on (the reader and the poll had to wait for both).
    const records = await reader.untilRecords(2000);
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
    expect((await polled).json<{ events: unknown[] }>().events).toHaveLength(5);
    reader.close();
    for (const stream of stalled) {
      stream.resume(); // what reached it before it was dropped, then the end
      await stream.ended;
      expect(stream.records().length).toBeLessThan(2000);
    }
    expect(counted.peak(), "store reads at once").toBeLessThanOrEqual(shared + STORE_READ_SLOTS);
    // The two stalled, the reader and the poll: the client that left never read the store.
    expect(counted.started()).toBe(shared + 4);
  }, 30_000);
});
