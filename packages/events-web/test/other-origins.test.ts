import { MemoryStorage } from "@phaser/events-store-memory";
import { describe, expect, it } from "vitest";
import { auditRecords, countingWatches, serve } from "./helpers.js";
import { send } from "./http-client.js";
import { openStream } from "./sse-reader.js";

const API = ["/api/audits", "/api/events?after=0", "/api/stream?after=0", "/api/insights"];

/** A loopback server over one audit, its store's watch calls counted. */
async function watchedServer() {
  const memory = new MemoryStorage();
  await memory.appendEvents(auditRecords("a1"));
  const counted = countingWatches(memory);
  const server = await serve(counted.storage);
  return { server, counted, own: `http://127.0.0.1:${server.port}` };
}

describe("API requests made by pages of other origins", () => {
  it.each([
    ["Sec-Fetch-Site: cross-site", { "Sec-Fetch-Site": "cross-site" }],
    // Another port of localhost is the same site, but another origin.
    ["Sec-Fetch-Site: same-site", { "Sec-Fetch-Site": "same-site" }],
    ["an Origin on another port", { Origin: "http://127.0.0.1:1" }],
    ["an Origin of another host", { Origin: "http://evil.example" }],
    ["Origin: null (a file:// or sandboxed page)", { Origin: "null" }],
  ])(
    "are refused with 403 FORBIDDEN_ORIGIN (%s), and the store is not read",
    async (_, headers) => {
      const { server, counted } = await watchedServer();
      const watchesBefore = counted.started();
      for (const path of API) {
        const reply = await send(server.url, path, { headers });
        expect(reply.status, path).toBe(403);
        expect(reply.json<{ error: { code: string } }>().error.code, path).toBe("FORBIDDEN_ORIGIN");
      }
      // A stream or events request from position 0 would have started a watch of its own.
      expect(counted.started()).toBe(watchesBefore);
    },
  );

  it("are answered for the server's own pages, programs that send neither header, and https behind a proxy", async () => {
    const { server, own } = await watchedServer();
    const allowed: Record<string, string>[] = [
      {},
      { "Sec-Fetch-Site": "same-origin" },
      { "Sec-Fetch-Site": "none" }, // typed in the address bar
      { "Sec-Fetch-Site": "same-origin", Origin: own },
      { Origin: own.replace("http:", "https:") },
    ];
    for (const headers of allowed) {
      for (const path of API.filter((p) => !p.startsWith("/api/stream"))) {
        const reply = await send(server.url, path, { headers });
        expect(reply.status, `${path} ${JSON.stringify(headers)}`).toBe(200);
      }
      const stream = await openStream(server.url, "/api/stream?after=0", headers);
      expect(stream.status, JSON.stringify(headers)).toBe(200);
      stream.close();
    }
  });

  it("do not stop a link from another site opening the page itself", async () => {
    const { server } = await watchedServer();
    for (const path of ["/", "/app.js", "/?audit=a1"]) {
      const reply = await send(server.url, path, { headers: { "Sec-Fetch-Site": "cross-site" } });
      expect(reply.status, path).toBe(200);
    }
  });
});
