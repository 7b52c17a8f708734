import { MemoryStorage } from "@phaser/events-store-memory";
import { describe, expect, it } from "vitest";
import { auditRecords, serve } from "./helpers.js";
import { send } from "./http-client.js";
import { openStream } from "./sse-reader.js";

interface Row {
  auditId: string;
  project: string | null;
  outcome: string;
  eventCount: number;
}

const OLD = "aaaaaaaa-0000-4000-8000-000000000001";
const NEW = "bbbbbbbb-0000-4000-8000-000000000002";
const TWIN = "bbbbbbbb-1111-4000-8000-000000000003";

async function storeWithAudits(): Promise<MemoryStorage> {
  const storage = new MemoryStorage();
  await storage.appendEvents(auditRecords(OLD, { project: "old" }));
  await storage.appendEvents(auditRecords(NEW, { project: "new", ended: false }));
  return storage;
}

describe("GET /api/audits", () => {
  it("lists every audit newest first, with the server's position", async () => {
    const server = await serve(await storeWithAudits());
    const reply = await send(server.url, "/api/audits");
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toBe("application/json; charset=utf-8");
    const body = reply.json<{ position: number; audits: Row[] }>();
    expect(body.position).toBe(7);
    expect(body.audits.map((a) => [a.auditId, a.project, a.outcome, a.eventCount])).toEqual([
      [NEW, "new", "in_progress", 3],
      [OLD, "old", "completed", 4],
    ]);
  });

  it("answers HEAD with the headers and no body", async () => {
    const server = await serve(await storeWithAudits());
    const reply = await send(server.url, "/api/audits", { method: "HEAD" });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe("");
    expect(Number(reply.headers["content-length"])).toBeGreaterThan(0);
  });
});

describe("GET /api/audits/:id", () => {
  it("answers the audit's row and events, and the position read before them", async () => {
    const storage = await storeWithAudits();
    const server = await serve(storage);
    const reply = await send(server.url, `/api/audits/${OLD}`);
    expect(reply.status).toBe(200);
    const body = reply.json<{ position: number; audit: Row; events: unknown[] }>();
    expect(body.position).toBe(7);
    expect(body.audit.auditId).toBe(OLD);
    expect(body.events).toEqual(await storage.getEvents({ auditId: OLD }));
  });

  it("takes a unique prefix of 4 characters or more, and latest, as the CLI's --audit does", async () => {
    const server = await serve(await storeWithAudits());
    const reply = await send(server.url, "/api/audits/aaaa");
    expect(reply.status).toBe(200);
    expect(reply.json<{ audit: Row }>().audit.auditId).toBe(OLD);
    const latest = await send(server.url, "/api/audits/latest");
    expect(latest.json<{ audit: Row }>().audit.auditId).toBe(NEW);
  });

  it("answers 409 with the candidates for an ambiguous prefix", async () => {
    const storage = await storeWithAudits();
    await storage.appendEvents(auditRecords(TWIN));
    const server = await serve(storage);
    const reply = await send(server.url, "/api/audits/bbbbbbbb-");
    expect(reply.status).toBe(409);
    const { error } = reply.json<{ error: { code: string; candidates: string[] } }>();
    expect(error.code).toBe("AMBIGUOUS_AUDIT_ID");
    expect([...error.candidates].sort()).toEqual([NEW, TWIN]);
  });

  it.each([
    ["an unknown id", "/api/audits/cccccccc-0000"],
    ["a prefix shorter than 4 characters", "/api/audits/aaa"],
  ])("answers 404 JSON for %s", async (_name, path) => {
    const server = await serve(await storeWithAudits());
    const reply = await send(server.url, path);
    expect(reply.status).toBe(404);
    expect(reply.json<{ error: { code: string } }>().error.code).toBe("NOT_FOUND");
  });

  it("decodes the id: a percent-encoded id finds its audit, a broken encoding is 400", async () => {
    const storage = new MemoryStorage();
    await storage.appendEvents(auditRecords("audit with/slash"));
    const server = await serve(storage);
    const found = await send(server.url, "/api/audits/audit%20with%2Fslash");
    expect(found.json<{ audit: Row }>().audit.auditId).toBe("audit with/slash");
    expect((await send(server.url, "/api/audits/%E0%A4%A")).status).toBe(400);
  });
});

describe("GET /api/events", () => {
  it("pages through the store after a position, with last to poll from", async () => {
    const storage = await storeWithAudits();
    const all = await storage.getEvents();
    const server = await serve(storage);
    const first = (await send(server.url, "/api/events?after=0&limit=5")).json<{
      events: { seq: number; record: unknown }[];
      last: number;
    }>();
    expect(first.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(first.last).toBe(5);
    const rest = (await send(server.url, `/api/events?after=${first.last}`)).json<{
      events: { seq: number; record: unknown }[];
      last: number;
    }>();
    expect(rest.events.map((e) => e.seq)).toEqual([6, 7]);
    expect([...first.events, ...rest.events].map((e) => e.record)).toEqual(all);
    expect(rest.last).toBe(7);
  });

  it("without after, answers no events and the server's position", async () => {
    const server = await serve(await storeWithAudits());
    const reply = await send(server.url, "/api/events");
    expect(reply.json()).toEqual({ events: [], last: 7, rowsVersion: expect.any(Number) });
  });

  it("serves what the server saw since it started from memory, up to limit", async () => {
    const storage = new MemoryStorage();
    const server = await serve(storage);
    const stream = await openStream(server.url);
    await storage.appendEvents(auditRecords(OLD));
    await stream.untilRecords(4); // the server's watch has delivered them
    stream.close();
    const page = (await send(server.url, "/api/events?after=0&limit=3")).json<{
      events: { seq: number }[];
      last: number;
    }>();
    expect(page.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(page.last).toBe(3);
  });

  it.each([
    ["after=-1", "after"],
    ["after=abc", "after"],
    ["after=1.5", "after"],
    ["limit=0", "limit"],
    ["limit=x", "limit"],
  ])("answers 400 for %s", async (query, name) => {
    const server = await serve(new MemoryStorage());
    const reply = await send(server.url, `/api/events?${query}`);
    expect(reply.status).toBe(400);
    const { error } = reply.json<{ error: { code: string; message: string } }>();
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain(name);
  });
});

describe("GET /api/insights", () => {
  it("answers the insights of the whole store, or of a window", async () => {
    const storage = await storeWithAudits();
    const server = await serve(storage);
    const all = (await send(server.url, "/api/insights")).json<{
      audits: number;
      events: number;
      projects: { project: string }[];
    }>();
    expect(all.audits).toBe(2);
    expect(all.events).toBe(7);
    expect(all.projects.map((p) => p.project)).toEqual(["new", "old"]);
    const newest = (await storage.getEvents({ order: "desc", limit: 1 }))[0]?.timestamp as string;
    const window = (
      await send(server.url, `/api/insights?since=${encodeURIComponent(newest)}`)
    ).json<{ events: number; since: string; projects: { project: string }[] }>();
    expect(window.events).toBe(1);
    expect(window.since).toBe(newest);
    // Its audit started before the window, and still counts under its project.
    expect(window.projects.map((p) => p.project)).toEqual(["new"]);
  });

  it("answers the trend beside: per project per bucket, with p50, for a unit chosen or given", async () => {
    const server = await serve(await storeWithAudits());
    interface Body {
      projects: unknown[];
      trend: {
        unit: string;
        from: string;
        to: string;
        projects: {
          project: string;
          phase_duration_seconds: { count: number; p50: number | null };
          buckets: {
            start: string;
            audits: Record<string, number>;
            phases: { success_rate: number };
          }[];
        }[];
      };
    }
    // Every fixture record is on 2025-12-05: one day.
    const auto = (await send(server.url, "/api/insights")).json<Body>();
    expect(auto.projects).toHaveLength(2);
    expect([auto.trend.unit, auto.trend.from, auto.trend.to]).toEqual([
      "day",
      "2025-12-05T00:00:00.000Z",
      "2025-12-06T00:00:00.000Z",
    ]);
    const old = auto.trend.projects.find((p) => p.project === "old");
    expect(old?.phase_duration_seconds).toEqual({ count: 1, p50: 1, p95: 1 });
    expect(
      old?.buckets.map((b) => [b.audits.completed, b.audits.total, b.phases.success_rate]),
    ).toEqual([[1, 1, 1]]);
    const week = (
      await send(server.url, "/api/insights?since=2025-12-01&until=2025-12-15&unit=week")
    ).json<Body>();
    expect(week.trend.unit).toBe("week");
    const running = week.trend.projects.find((p) => p.project === "new");
    expect(running?.buckets.map((b) => [b.start, b.audits.in_progress])).toEqual([
      ["2025-12-01T00:00:00.000Z", 1],
      ["2025-12-08T00:00:00.000Z", 0],
    ]);
  });

  it.each([
    ["fortnight", "unit must be day, week, month or year"],
    ["day&since=2020-01-01&until=2025-01-01", "more than 200 buckets"],
  ])("answers 400 naming unit for unit=%s", async (query, message) => {
    const server = await serve(new MemoryStorage());
    const reply = await send(server.url, `/api/insights?unit=${query}`);
    expect(reply.status).toBe(400);
    const { error } = reply.json<{ error: { code: string; message: string } }>();
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("unit");
    expect(error.message).toContain(message);
  });

  it.each(["since", "until"])("answers 400 naming %s when it is not a time", async (name) => {
    const server = await serve(new MemoryStorage());
    const reply = await send(server.url, `/api/insights?${name}=yesterday-ish`);
    expect(reply.status).toBe(400);
    expect(reply.json<{ error: { message: string } }>().error.message).toContain(name);
  });
});

describe("anything else", () => {
  it.each(["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])(
    "answers %s with 405 and Allow: GET, HEAD, changing nothing",
    async (method) => {
      const storage = await storeWithAudits();
      const server = await serve(storage);
      for (const path of ["/api/audits", `/api/audits/${OLD}`, "/api/stream", "/"]) {
        const reply = await send(server.url, path, { method });
        expect(reply.status).toBe(405);
        expect(reply.headers.allow).toBe("GET, HEAD");
        expect(reply.json<{ error: { code: string } }>().error.code).toBe("METHOD_NOT_ALLOWED");
      }
      expect(await storage.getEvents()).toHaveLength(7);
    },
  );

  it.each(["/api", "/api/", "/api/nope", "/api/audits/x/y", "/api/audits/"])(
    "answers %s with 404 JSON",
    async (path) => {
      const server = await serve(new MemoryStorage());
      const reply = await send(server.url, path);
      expect(reply.status).toBe(404);
      expect(reply.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(reply.json<{ error: { code: string } }>().error.code).toBe("NOT_FOUND");
    },
  );
});
