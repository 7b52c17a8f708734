import type { AuditRow } from "@phaser/events-analysis";
import type { EventRecord, EventStorage } from "@phaser/events-core";
import { JsonFileStorage } from "@phaser/events-store-json";
import { MemoryStorage } from "@phaser/events-store-memory";
import { describe, expect, it } from "vitest";
import { auditRecords, later, phaseRecord, serve, tempDir } from "./helpers.js";
import { send } from "./http-client.js";
import { openStream } from "./sse-reader.js";

// The watch a server follows the store with tells of new records only: these
// audits go without a word from it (a clear, retention, maxEvents), and the
// server's rows must not keep them.

const OLD = "aaaaaaaa-0000-4000-8000-00000000000a";
const NEW = "bbbbbbbb-0000-4000-8000-00000000000b";

interface AuditsReply {
  readonly position: number;
  readonly rowsVersion: number;
  readonly audits: AuditRow[];
}

interface RowsData {
  readonly version: number;
  readonly removed?: string[];
  readonly updated?: AuditRow[];
}

async function audits(url: string): Promise<AuditsReply> {
  const reply = await send(url, "/api/audits");
  expect(reply.status).toBe(200);
  return reply.json<AuditsReply>();
}

/** Two audits, the first wholly before the second's first record. */
async function twoAudits(storage: EventStorage): Promise<{ cut: string }> {
  await storage.appendEvents(auditRecords(OLD));
  const later = auditRecords(NEW);
  await storage.appendEvents(later);
  return { cut: (later[0] as EventRecord).timestamp };
}

describe("audits removed from the store", () => {
  it("are gone from GET /api/audits after a clear, and the rows' version counts the change", async () => {
    const storage = new MemoryStorage();
    const { cut } = await twoAudits(storage);
    const server = await serve(storage);
    expect((await audits(server.url)).audits.map((a) => a.auditId)).toEqual([NEW, OLD]);
    const { rowsVersion } = await audits(server.url);

    await storage.clearEvents({ before: cut });
    const after = await audits(server.url);
    expect(after.audits.map((a) => a.auditId)).toEqual([NEW]);
    expect(after.rowsVersion).toBe(rowsVersion + 1);
  });

  it("rebuilds the row of an audit that lost some of its records", async () => {
    const storage = new MemoryStorage();
    const records = auditRecords(OLD);
    await storage.appendEvents(records);
    const server = await serve(storage);
    expect((await audits(server.url)).audits[0]?.eventCount).toBe(records.length);

    await storage.clearEvents({ before: (records[2] as EventRecord).timestamp });
    const [row] = (await audits(server.url)).audits;
    expect(row?.eventCount).toBe(records.length - 2);
    expect(row?.startedAt).toBe((records[2] as EventRecord).timestamp);
    // Records of it that come later count once, on the rebuilt row.
    await storage.appendEvent(phaseRecord(OLD));
    await expect
      .poll(async () => (await audits(server.url)).audits[0]?.eventCount)
      .toBe(records.length - 1);
  });

  it("keeps an audit that goes on after everything was cleared, counting only what is stored", async () => {
    const storage = new MemoryStorage();
    await storage.appendEvents(auditRecords(OLD, { ended: false }));
    const server = await serve(storage);
    await storage.clearEvents();
    const next = phaseRecord(OLD);
    await storage.appendEvent(next);
    await expect
      .poll(async () => (await audits(server.url)).audits.map((a) => [a.auditId, a.eventCount]))
      .toEqual([[OLD, 1]]);
  });

  it("answers 404 for an audit whose records are gone, and drops its row", async () => {
    const storage = new MemoryStorage();
    await twoAudits(storage);
    const server = await serve(storage);
    expect((await send(server.url, `/api/audits/${OLD}`)).status).toBe(200);
    await storage.clearEvents();
    const reply = await send(server.url, `/api/audits/${OLD}`);
    expect(reply.status).toBe(404);
    expect(reply.json<{ error: { message: string } }>().error.message).toMatch(/removed/);
    expect((await send(server.url, `/api/audits/${NEW.slice(0, 8)}`)).status).toBe(404);
  });

  it("are told to open streams (what went, what was rebuilt), checked every recheckMs", async () => {
    const storage = new MemoryStorage();
    const { cut } = await twoAudits(storage);
    const server = await serve(storage, { recheckMs: 20 });
    const stream = await openStream(server.url);
    const [first] = await stream.untilEvents<RowsData>("rows", 1);
    const version = first?.version as number;
    expect(first).toEqual({ version });

    await storage.clearEvents({ before: cut });
    const [, change] = await stream.untilEvents<RowsData>("rows", 2);
    expect(change).toEqual({ version: version + 1, removed: [OLD], updated: [] });
    // A record after it still comes, with its position as the id.
    const record = phaseRecord(NEW);
    await storage.appendEvent(record);
    expect((await stream.untilRecord(record.id)).record).toEqual(record);
  });

  it("a stream opened after a change says the version; a poll of /api/events does too, and paces the checks", async () => {
    const storage = new MemoryStorage();
    const { cut } = await twoAudits(storage);
    const server = await serve(storage, { recheckMs: 20 });
    const poll = async () =>
      (await send(server.url, "/api/events")).json<{ rowsVersion: number }>();
    const { rowsVersion } = await poll();
    await storage.clearEvents({ before: cut });
    // A poll starts a check (in the background); a later poll reports its version.
    await expect.poll(poll).toMatchObject({ rowsVersion: rowsVersion + 1 });
    const stream = await openStream(server.url);
    expect(await stream.untilEvents<RowsData>("rows", 1)).toEqual([{ version: rowsVersion + 1 }]);
  });

  it("on a JSON file another store instance prunes to maxEvents", async () => {
    const dir = tempDir();
    const keepAll = { dir, retentionDays: 0, maxEvents: 0 } as const;
    const served = new JsonFileStorage(keepAll);
    later(() => served.close());
    await twoAudits(served);
    const server = await serve(served, { recheckMs: 20 });
    const stream = await openStream(server.url);
    await stream.untilEvents("rows", 1);

    // Another writer with a cap: its write removes the oldest audit's records.
    const writer = new JsonFileStorage({ ...keepAll, maxEvents: 5, autoCleanup: true });
    later(() => writer.close());
    const record = phaseRecord(NEW);
    await writer.appendEvent(record);
    const [, change] = await stream.untilEvents<RowsData>("rows", 2);
    expect(change?.removed).toEqual([OLD]);
    expect((await audits(server.url)).audits.map((a) => [a.auditId, a.eventCount])).toEqual([
      [NEW, 5],
    ]);
  });

  it("rejects a recheckMs that is not a whole number of ms", async () => {
    await expect(serve(new MemoryStorage(), { recheckMs: 0 })).rejects.toThrow(
      /recheckMs must be a whole number of ms, 1 or more \(got 0\)/,
    );
  });
});
