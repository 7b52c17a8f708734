import { MemoryStorage } from "@phaser/events-store-memory";
import { describe, expect, it } from "vitest";
import { renderAuditReport } from "../src/index.js";
import { auditRecords, serve } from "./helpers.js";
import { send } from "./http-client.js";

/** An id with a lone surrogate: any non-empty string is an audit id, and UTF-8 cannot hold it. */
const LONE = "lone-\uD800-id";
/** How it arrives in a URL: U+FFFD in the surrogate's place, percent-encoded. */
const SENT = "lone-%EF%BF%BD-id";

describe("an audit id with a lone surrogate", () => {
  it("is found by GET /api/audits/:id as a URL brings it, whole or as a prefix", async () => {
    const storage = new MemoryStorage();
    await storage.appendEvents(auditRecords(LONE));
    const server = await serve(storage);
    for (const path of [`/api/audits/${SENT}`, "/api/audits/lone-%EF%BF%BD"]) {
      const reply = await send(server.url, path);
      expect(reply.status, path).toBe(200);
      expect(reply.json<{ audit: { auditId: string } }>().audit.auditId).toBe(LONE);
    }
  });

  it("is found by GET /api/audit?id= too, whole or as a prefix", async () => {
    const storage = new MemoryStorage();
    await storage.appendEvents(auditRecords(LONE));
    const server = await serve(storage);
    for (const id of [SENT, "lone-%EF%BF%BD"]) {
      const reply = await send(server.url, `/api/audit?id=${id}`);
      expect(reply.status, id).toBe(200);
      expect(reply.json<{ audit: { auditId: string } }>().audit.auditId).toBe(LONE);
    }
  });

  it("gets a report that opens on it, instead of failing with a URIError", async () => {
    const html = await renderAuditReport({ records: auditRecords(LONE), auditId: LONE });
    expect(html).toContain(`"open":"audit=${SENT}"`);
  });
});

describe("audits named . and ..", () => {
  it("are found by GET /api/audit?id=, which no browser rewrites; without an id it is a 400", async () => {
    const storage = new MemoryStorage();
    await storage.appendEvents([...auditRecords("."), ...auditRecords("..")]);
    const server = await serve(storage);
    for (const id of [".", ".."]) {
      const reply = await send(server.url, `/api/audit?${new URLSearchParams({ id })}`);
      expect(reply.status, id).toBe(200);
      expect(reply.json<{ audit: { auditId: string } }>().audit.auditId).toBe(id);
    }
    for (const path of ["/api/audit", "/api/audit?id="]) {
      const reply = await send(server.url, path);
      expect(reply.status, path).toBe(400);
      expect(reply.json<{ error: { code: string } }>().error.code).toBe("BAD_REQUEST");
    }
  });
});
