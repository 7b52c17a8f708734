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

  it("gets a report that opens on it, instead of failing with a URIError", async () => {
    const html = await renderAuditReport({ records: auditRecords(LONE), auditId: LONE });
    expect(html).toContain(`"open":"audit=${SENT}"`);
  });
});
