import { connect, type Socket } from "node:net";
import { MemoryStorage } from "@phaser/events-store-memory";
import { describe, expect, it } from "vitest";
import { auditRecords, serve } from "./helpers.js";

/** An audit whose JSON is far larger than any socket buffer: about 8 MB. */
async function bigAudit(): Promise<MemoryStorage> {
  const storage = new MemoryStorage();
  const records = auditRecords("big", { extra: { note: "x".repeat(8_000_000) } });
  await storage.appendEvents(records);
  return storage;
}

/** Sends `GET path` on a raw socket that reads nothing until told to. */
function request(port: number, path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
      resolve(socket);
    });
    socket.once("error", reject);
  });
}

describe("a client that stops reading a large answer", () => {
  it("is cut off once it took nothing for idleTimeoutMs: what was buffered for it goes", async () => {
    const server = await serve(await bigAudit(), { heartbeatMs: 100, idleTimeoutMs: 300 });
    const socket = await request(server.port, "/api/audits/big");
    socket.pause();
    // The client itself is what is timed: it reads nothing for 1.5 s (5 × idleTimeoutMs), then
    // all there is.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    let received = 0;
    socket.on("data", (chunk: Buffer) => {
      received += chunk.length;
    });
    socket.on("error", () => {}); // a reset, once what the system held is read
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    socket.resume();
    await closed;
    expect(received).toBeLessThan(8_000_000);
  });

  it("is never cut off while it reads, however slowly", async () => {
    const server = await serve(await bigAudit(), { heartbeatMs: 100, idleTimeoutMs: 300 });
    const socket = await request(server.port, "/api/audits/big");
    let received = 0;
    socket.on("data", (chunk: Buffer) => {
      received += chunk.length;
      // A slow reader: a pause shorter than heartbeatMs after each chunk.
      socket.pause();
      setTimeout(() => socket.resume(), 20);
    });
    await new Promise<void>((resolve) => socket.once("close", () => resolve()));
    expect(received).toBeGreaterThan(8_000_000);
  });
});

describe("idleTimeoutMs", () => {
  it("must be more than heartbeatMs: a RangeError naming both", async () => {
    await expect(
      serve(new MemoryStorage(), { heartbeatMs: 5000, idleTimeoutMs: 5000 }),
    ).rejects.toThrow(/idleTimeoutMs \(5000\) must be more than heartbeatMs \(5000\)/);
  });
});
