import type { EventRecord } from "@phaser/events-core";
import { MemoryStorage } from "@phaser/events-store-memory";
import { describe, expect, it } from "vitest";
import { auditRecords, serve } from "./helpers.js";
import { send } from "./http-client.js";

interface Body {
  audits: number;
  events: number;
  since: string | null;
  projects: { project: string; audits: { total: number } }[];
  trend: {
    unit: string;
    from: string | null;
    to: string | null;
    truncated?: { from: string; buckets: number; note: string };
    projects: {
      project: string;
      audits: { total: number; failed: number };
      buckets: { start: string; audits: { total: number } }[];
    }[];
  };
}

/** An audit whose records all carry `timestamp`. */
const at = (timestamp: string, auditId: string, project: string): EventRecord[] =>
  auditRecords(auditId, { project }).map((record) => ({ ...record, timestamp }));

/** Two audits on 2025-12-05 and one whose writer's clock said 1970 (56 years: 673 months). */
async function storeFrom1970(): Promise<MemoryStorage> {
  const storage = new MemoryStorage({ retentionDays: 0, maxEvents: 0 });
  await storage.appendEvents(
    at("1970-01-01T00:00:00.000Z", "cccccccc-0000-4000-8000-000000000001", "old"),
  );
  await storage.appendEvents(
    auditRecords("cccccccc-0000-4000-8000-000000000002", { project: "old" }),
  );
  await storage.appendEvents(
    auditRecords("cccccccc-0000-4000-8000-000000000003", { project: "new" }),
  );
  return storage;
}

const total = (body: Body, project: string) =>
  body.trend.projects
    .find((p) => p.project === project)
    ?.buckets.reduce((sum, b) => sum + b.audits.total, 0);

describe("GET /api/insights over a store of more than 200 months", () => {
  it("answers the numbers and a yearly chart of every audit, without a unit", async () => {
    const server = await serve(await storeFrom1970());
    const reply = await send(server.url, "/api/insights");
    expect(reply.status).toBe(200);
    const body = reply.json<Body>();
    expect([body.audits, body.events]).toEqual([3, 12]);
    expect(body.projects.map((p) => [p.project, p.audits.total])).toEqual([
      ["new", 1],
      ["old", 2],
    ]);
    expect([body.trend.unit, body.trend.from, body.trend.to]).toEqual([
      "year",
      "1970-01-01T00:00:00.000Z",
      "2026-01-01T00:00:00.000Z",
    ]);
    expect(body.trend.truncated).toBeUndefined();
    expect(total(body, "old")).toBe(2);
  });

  it.each(["day", "week", "month"])(
    "answers the numbers and the latest 200 buckets by %s, saying so",
    async (unit) => {
      const server = await serve(await storeFrom1970());
      const reply = await send(server.url, `/api/insights?unit=${unit}`);
      expect(reply.status).toBe(200);
      const body = reply.json<Body>();
      expect(body.audits).toBe(3);
      expect(body.trend.unit).toBe(unit);
      expect(body.trend.projects[0]?.buckets).toHaveLength(200);
      // The bucket holding 1970-01-01: its week starts on Monday 1969-12-29.
      expect(body.trend.truncated?.from).toBe(
        unit === "week" ? "1969-12-29T00:00:00.000Z" : "1970-01-01T00:00:00.000Z",
      );
      expect(body.trend.truncated?.note).toMatch(
        new RegExp(
          `^The period has \\d+ ${unit}s, more than the 200 a chart holds: it shows the latest 200, from \\d{4}-\\d{2}-\\d{2}\\. By year, it holds the whole period\\.$`,
        ),
      );
      // The 1970 audit is in no bucket kept, but in the whole range's count.
      expect(total(body, "old")).toBe(1);
      expect(body.trend.projects.find((p) => p.project === "old")?.audits.total).toBe(2);
    },
  );

  it("charts from the earliest ISO date a Date holds, by year", async () => {
    const server = await serve(await storeFrom1970());
    const reply = await send(server.url, "/api/insights?since=-271821-04-20");
    expect(reply.status).toBe(200);
    const body = reply.json<Body>();
    expect(body.audits).toBe(3);
    expect(body.since).toBe("-271821-04-20T00:00:00.000Z");
    expect(body.trend.unit).toBe("year");
    expect(body.trend.to).not.toBeNull();
    expect(body.trend.truncated?.from).toBe("-271821-04-20T00:00:00.000Z");
    expect(total(body, "new")).toBe(1);
  });

  it("refuses a since Date.parse would read leniently, naming it", async () => {
    const server = await serve(await storeFrom1970());
    for (const since of ["1", "2025-02-30", "-000000-01-01"]) {
      const reply = await send(server.url, `/api/insights?since=${since}`);
      expect(reply.status, since).toBe(400);
      expect(reply.json<{ error: { message: string } }>().error.message).toBe(
        `since must be an ISO 8601 date or time, UTC unless it has an offset (2025-12-01, 2025-12-01T10:15:30Z, 2025-12-01T12:15:30+02:00) (got "${since}")`,
      );
    }
  });

  it("reads a time without an offset as UTC, whatever the server's time zone", async () => {
    const server = await serve(await storeFrom1970());
    const body = (
      await send(server.url, "/api/insights?since=2025-12-05T00:00&until=2025-12-06")
    ).json<Body>();
    expect(body.since).toBe("2025-12-05T00:00:00.000Z");
    expect(body.audits).toBe(2);
  });

  it("still refuses an explicit unit with an explicit since that make too many buckets", async () => {
    const server = await serve(await storeFrom1970());
    const reply = await send(
      server.url,
      "/api/insights?since=1970-01-01&unit=year&until=2500-01-01",
    );
    expect(reply.status).toBe(400);
    expect(reply.json<{ error: { message: string } }>().error.message).toContain(
      "by year is more than 200 buckets: choose a shorter period",
    );
  });
});
