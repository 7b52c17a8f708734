import { MemoryStorage } from "@phaser/events-store-memory";
import { describe, expect, it } from "vitest";
import { auditRecords, serve } from "./helpers.js";
import { send } from "./http-client.js";
import { openStream } from "./sse-reader.js";

/** A server whose store holds one audit of 7 records: its position is 7. */
async function serverAt7() {
  const storage = new MemoryStorage();
  await storage.appendEvents(auditRecords("a1"));
  const server = await serve(storage);
  const { position } = (await send(server.url, "/api/audits")).json<{ position: number }>();
  return { server, position };
}

describe("a client that resumes after a position beyond the server's (another store on the port)", () => {
  it("gets a reset message on the stream, with the server's position, and the stream ends", async () => {
    const { server, position } = await serverAt7();
    for (const headers of [{ "Last-Event-ID": String(position + 27) }, {}]) {
      const path = "Last-Event-ID" in headers ? "/api/stream" : `/api/stream?after=${position + 1}`;
      const stream = await openStream(server.url, path, headers);
      await stream.ended;
      expect(stream.status).toBe(200);
      expect(stream.messages.map((m) => [m.event, m.data])).toEqual([
        [undefined, ""], // retry
        ["reset", JSON.stringify({ position })],
      ]);
    }
  });

  it("gets reset: true from /api/events, no events, and the server's position as last", async () => {
    const { server, position } = await serverAt7();
    const reply = await send(server.url, `/api/events?after=${position + 100}`);
    expect(reply.json()).toEqual({
      events: [],
      last: position,
      rowsVersion: expect.any(Number),
      reset: true,
    });
    // At the server's position or before it: no reset.
    for (const after of [position, 0]) {
      const body = (await send(server.url, `/api/events?after=${after}`)).json<object>();
      expect(body, `after=${after}`).not.toHaveProperty("reset");
    }
  });

  it("a restarted server's rows have another version than the one before it had", async () => {
    const storage = new MemoryStorage();
    await storage.appendEvents(auditRecords("a1"));
    const version = async () => {
      const server = await serve(storage);
      const { rowsVersion } = (await send(server.url, "/api/audits")).json<{
        rowsVersion: number;
      }>();
      await server.close();
      return rowsVersion;
    };
    const first = await version();
    // Each start takes its own version: a page of the first asks the second for its rows again.
    await expect.poll(version).not.toBe(first);
  });
});
