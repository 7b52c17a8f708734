import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EventRecord } from "@phaser/events-core";
import { JsonFileStorage } from "@phaser/events-store-json";
import { MemoryStorage } from "@phaser/events-store-memory";
import { describe, expect, it } from "vitest";
import { auditRecords, later, serve, tempDir } from "./helpers.js";
import { send } from "./http-client.js";
import { openStream } from "./sse-reader.js";

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const AUDIT = "aaaaaaaa-0000-4000-8000-000000000001";

describe("headers on every response", () => {
  it("sends the CSP, nosniff and no-referrer whatever the answer; no-store on the API", async () => {
    const storage = new MemoryStorage();
    await storage.appendEvents(auditRecords(AUDIT));
    const server = await serve(storage);
    const requests: [string, string, number][] = [
      ["GET", "/api/audits", 200],
      ["GET", `/api/audits/${AUDIT}`, 200],
      ["GET", "/api/events?after=0", 200],
      ["GET", "/api/insights", 200],
      ["GET", "/api/events?after=x", 400],
      ["GET", "/api/nope", 404],
      ["DELETE", "/api/audits", 405],
      ["GET", "/", 200],
      ["GET", "/app.js", 200],
      ["GET", "/missing.js", 404],
      ["HEAD", "/api/stream", 200],
    ];
    for (const [method, path, status] of requests) {
      const reply = await send(server.url, path, { method });
      const where = `${method} ${path}`;
      expect(reply.status, where).toBe(status);
      expect(reply.headers["content-security-policy"], where).toBe(CSP);
      expect(reply.headers["x-content-type-options"], where).toBe("nosniff");
      expect(reply.headers["referrer-policy"], where).toBe("no-referrer");
      if (path.startsWith("/api/")) expect(reply.headers["cache-control"], where).toBe("no-store");
    }
    const forbidden = await send(server.url, "/api/audits", { headers: { Host: "evil.example" } });
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers["content-security-policy"]).toBe(CSP);
    const stream = await openStream(server.url);
    expect(stream.headers["content-security-policy"]).toBe(CSP);
    expect(stream.headers["x-content-type-options"]).toBe("nosniff");
    expect(stream.headers["cache-control"]).toBe("no-store");
    expect(stream.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    stream.close();
  });
});

describe("a store that fails", () => {
  it("answers 503 with the store's message, never a stack", async () => {
    const dir = tempDir();
    const storage = new JsonFileStorage({ dir });
    later(() => storage.close());
    await storage.appendEvents(auditRecords(AUDIT));
    const server = await serve(storage);
    writeFileSync(join(dir, "events.json"), "{ this is not json");
    for (const path of [`/api/audits/${AUDIT}`, "/api/insights"]) {
      const reply = await send(server.url, path);
      expect(reply.status, path).toBe(503);
      const { error } = reply.json<{ error: { code: string; message: string } }>();
      expect(error.code).toBe("STORAGE_UNAVAILABLE");
      expect(error.message).toContain("events.json");
      expect(reply.text).not.toMatch(/\n\s+at /);
    }
  });
});

describe("hostile strings in records", () => {
  const hostile = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "\u001b[31mred\u001b[0m\u0007",
    "line\r\nbreak\u2028\u2029",
    "data: forged\n\nid: 999\nevent: record\n\n",
    "</script><!--",
  ].join(" | ");

  it("come back as exact JSON from every route and the stream, never as HTML", async () => {
    const storage = new MemoryStorage();
    const records = auditRecords(AUDIT, {
      project: hostile,
      slug: hostile,
      extra: { note: hostile },
    });
    await storage.appendEvents(records.slice(0, 2));
    const server = await serve(storage);
    const stream = await openStream(server.url);
    await storage.appendEvents(records.slice(2));

    const audits = await send(server.url, "/api/audits");
    expect(audits.headers["content-type"]).toBe("application/json; charset=utf-8");
    const row = audits.json<{ audits: { project: string; slug: string }[] }>().audits[0];
    expect(row?.project).toBe(hostile);
    expect(row?.slug).toBe(hostile);
    const audit = (await send(server.url, `/api/audits/${AUDIT}`)).json<{
      events: EventRecord[];
    }>();
    expect(audit.events).toEqual(records);
    const events = (await send(server.url, "/api/events?after=0")).json<{
      events: { record: EventRecord }[];
    }>();
    expect(events.events.map((e) => e.record)).toEqual(records);

    const delivered = await stream.untilRecords(2);
    stream.close();
    expect(delivered.map((d) => d.record)).toEqual(records.slice(2));
    expect(stream.messages.filter((m) => m.event === "record")).toHaveLength(2);
    expect(stream.messages.map((m) => m.id)).not.toContain("999");
  });
});
