import type { EventRecord } from "@phaser/events-core";
import { MemoryStorage } from "@phaser/events-store-memory";
import { describe, expect, it } from "vitest";
import { countingWatches, phaseRecord, serve } from "./helpers.js";
import { send } from "./http-client.js";
import { openStream } from "./sse-reader.js";

const AUDIT = "aaaaaaaa-0000-4000-8000-000000000001";

function records(count: number, data = {}): EventRecord[] {
  return Array.from({ length: count }, () => phaseRecord(AUDIT, data));
}

describe("GET /api/stream: live", () => {
  it("sends retry first, then each new record with its position as id and its audit's row", async () => {
    const storage = new MemoryStorage();
    await storage.appendEvents(records(2));
    const server = await serve(storage);
    const stream = await openStream(server.url);
    expect(stream.status).toBe(200);
    const appended = records(3);
    await storage.appendEvent(appended[0] as EventRecord);
    await storage.appendEvents(appended.slice(1));
    const got = await stream.untilRecords(3);
    expect(stream.messages[0]).toEqual({
      id: undefined,
      event: undefined,
      retry: "2000",
      data: "",
    });
    expect(got.map((m) => m.record)).toEqual(appended);
    expect(got.map((m) => m.seq)).toEqual([3, 4, 5]);
    // Then the rows' version (no id: it does not move the position), then the records.
    const { rowsVersion } = (await send(server.url, "/api/audits")).json<{ rowsVersion: number }>();
    expect(stream.messages[1]).toEqual({
      id: undefined,
      event: "rows",
      retry: undefined,
      data: `{"version":${rowsVersion}}`,
    });
    expect(stream.messages.slice(2).map((m) => m.id)).toEqual(["3", "4", "5"]);
    expect(got.map((m) => m.audit?.eventCount)).toEqual([3, 4, 5]);
    expect(got.every((m) => m.audit?.auditId === AUDIT)).toBe(true);
  });

  it("sends a heartbeat comment every heartbeatMs", async () => {
    const server = await serve(new MemoryStorage(), { heartbeatMs: 10 });
    const stream = await openStream(server.url);
    await stream.untilComments(3);
    expect(stream.comments.slice(0, 3)).toEqual(["heartbeat", "heartbeat", "heartbeat"]);
  });

  it("ten streams share the server's one watch of the store", async () => {
    const { storage, started, running } = countingWatches(new MemoryStorage());
    const server = await serve(storage);
    const streams = await Promise.all(Array.from({ length: 10 }, () => openStream(server.url)));
    const appended = records(5);
    await storage.appendEvents(appended);
    for (const stream of streams) {
      expect((await stream.untilRecords(5)).map((m) => m.record)).toEqual(appended);
    }
    expect(started()).toBe(1);
    expect(running()).toBe(1);
  });
});

describe("GET /api/stream: resuming", () => {
  it("resumes after Last-Event-ID, or ?after=, from the recent records: nothing missed or repeated", async () => {
    const storage = new MemoryStorage();
    const { storage: counted, started } = countingWatches(storage);
    const server = await serve(counted);
    const first = await openStream(server.url);
    const appended = records(5);
    await storage.appendEvents(appended);
    await first.untilRecords(5);
    first.close();
    const byHeader = await openStream(server.url, "/api/stream?after=0", { "Last-Event-ID": "2" });
    const byQuery = await openStream(server.url, "/api/stream?after=3");
    const next = records(1);
    await storage.appendEvents(next);
    expect((await byHeader.untilRecords(4)).map((m) => m.seq)).toEqual([3, 4, 5, 6]);
    expect((await byQuery.untilRecords(3)).map((m) => m.record)).toEqual([
      ...appended.slice(3),
      ...next,
    ]);
    expect(started()).toBe(1); // served from memory: no read of the store
  });

  it("catches up from before the recent records with a watch of its own, then joins the shared one", async () => {
    const storage = new MemoryStorage();
    const { storage: counted, started, running } = countingWatches(storage);
    const server = await serve(counted);
    const live = await openStream(server.url);
    const many = records(1500); // more than the 1,000 kept
    await storage.appendEvents(many);
    await live.untilRecords(1500);
    const behind = await openStream(server.url, "/api/stream", { "Last-Event-ID": "100" });
    const caught = await behind.untilRecords(1400);
    expect(caught.map((m) => m.seq)).toEqual(Array.from({ length: 1400 }, (_, i) => 101 + i));
    expect(caught.map((m) => m.record)).toEqual(many.slice(100));
    expect(started()).toBe(2);
    const next = records(2);
    await storage.appendEvents(next);
    const all = await behind.untilRecords(1402);
    expect(all.slice(1400).map((m) => m.record)).toEqual(next);
    expect(running()).toBe(1); // its own watch stopped once it reached the shared stream
    expect(all).toHaveLength(1402);
  });

  it("answers 400 for a Last-Event-ID that is not a position", async () => {
    const server = await serve(new MemoryStorage());
    const reply = await send(server.url, "/api/stream", { headers: { "Last-Event-ID": "abc" } });
    expect(reply.status).toBe(400);
    expect(reply.json<{ error: { message: string } }>().error.message).toContain("Last-Event-ID");
  });
});

describe("GET /api/stream: a slow client", () => {
  it("is dropped instead of buffered; it resumes where it stopped", async () => {
    const storage = new MemoryStorage();
    const server = await serve(storage);
    const paused = await openStream(server.url);
    paused.pause();
    const reader = await openStream(server.url);
    // 12 MB: far more than the socket buffers and the 1 MiB a client may leave unread.
    const padding = "x".repeat(100_000);
    const big = records(120, { padding });
    await storage.appendEvents(big);
    await reader.untilRecords(120);
    paused.resume();
    await paused.ended;
    const got = paused.records();
    expect(got.length).toBeLessThan(120);
    expect(got.map((m) => m.record)).toEqual(big.slice(0, got.length));
    const last = got.at(-1)?.seq ?? 0;
    const again = await openStream(server.url, "/api/stream", { "Last-Event-ID": String(last) });
    const rest = await again.untilRecords(120 - got.length);
    expect([...got, ...rest].map((m) => m.record)).toEqual(big);
  });
});

describe("close()", () => {
  it("ends the streams, stops every watch, closes the sockets; twice is fine", async () => {
    const storage = new MemoryStorage();
    const { storage: counted, running } = countingWatches(storage);
    // 15 MB: more than the socket buffers take, so the catching-up stream cannot finish.
    await storage.appendEvents(records(1500, { padding: "x".repeat(10_000) }));
    const server = await serve(counted);
    const live = await openStream(server.url);
    const catchingUp = await openStream(server.url, "/api/stream?after=0");
    catchingUp.pause(); // its own watch waits for the socket
    expect(running()).toBe(2);
    await Promise.all([server.close(), server.close()]);
    await live.ended;
    catchingUp.resume(); // a paused socket sees its end only once it reads what came before
    await catchingUp.ended;
    expect(running()).toBe(0);
    await expect(send(server.url, "/api/audits")).rejects.toThrow(/ECONNREFUSED/);
  });

  it("is what an aborted signal does", async () => {
    const { storage, running } = countingWatches(new MemoryStorage());
    const controller = new AbortController();
    const server = await serve(storage, { signal: controller.signal });
    const stream = await openStream(server.url);
    controller.abort();
    await stream.ended;
    await server.close();
    expect(running()).toBe(0);
  });
});
