import { randomUUID } from "node:crypto";
import type { EventRecord } from "@phaser/events-core";
import { PostgresStorage } from "@phaser/events-store-postgres";
import {
  createTestDatabase,
  startTestServer,
  stopTestServer,
  type TestServerInfo,
} from "@phaser/postgres-test-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  appliedUpTo,
  auditRecords,
  countingWatches,
  eventCountOf,
  later,
  phaseRecord,
  racingLoad,
  serve,
} from "./helpers.js";
import { openStream } from "./sse-reader.js";

const AUDIT = "aaaaaaaa-0000-4000-8000-000000000001";

let pg: TestServerInfo | undefined;
let url = "";
let unavailable = "";

/** One throwaway PostgreSQL server for this file; without one, CI fails and a laptop skips. */
beforeAll(async () => {
  try {
    pg = await startTestServer();
    url = await createTestDatabase(pg, `web_${randomUUID().replaceAll("-", "").slice(0, 12)}`);
  } catch (error) {
    unavailable = `cannot start a PostgreSQL test server: ${(error as Error).message}`;
    if (process.env.CI) throw new Error(unavailable);
    console.warn(`\n[events-web] SKIPPING the PostgreSQL tests: ${unavailable}\n`);
  }
}, 60_000);
afterAll(async () => {
  if (pg !== undefined) await stopTestServer(pg);
});

/** A store in a schema of its own (`schema` again: another process's view of the same table). */
function postgres(schema = `s_${randomUUID().replaceAll("-", "").slice(0, 12)}`): PostgresStorage {
  const storage = new PostgresStorage({ connectionString: url, schema });
  later(() => storage.close());
  return storage;
}

describe("over PostgreSQL", () => {
  it("streams what another connection appends, ten streams on one watch", async (context) => {
    if (pg === undefined) context.skip(unavailable);
    const storage = postgres();
    const writer = postgres(storage.schema);
    await writer.appendEvents(auditRecords(AUDIT, { ended: false }));
    const { storage: counted, started } = countingWatches(storage);
    const server = await serve(counted);
    const streams = await Promise.all(Array.from({ length: 10 }, () => openStream(server.url)));
    const appended = [phaseRecord(AUDIT), phaseRecord(AUDIT)];
    await writer.appendEvent(appended[0] as EventRecord);
    await writer.appendEvent(appended[1] as EventRecord);
    for (const stream of streams) {
      const got = await stream.untilRecords(2);
      expect(got.map((m) => m.record)).toEqual(appended);
      expect(got.map((m) => m.audit?.eventCount)).toEqual([4, 5]);
    }
    expect(started()).toBe(1);
  });

  it("a stream resumed with Last-Event-ID after the server restarts misses nothing", async (context) => {
    if (pg === undefined) context.skip(unavailable);
    const writer = postgres();
    const first = await serve(postgres(writer.schema));
    const before = await openStream(first.url);
    const seenRecords = [phaseRecord(AUDIT), phaseRecord(AUDIT)];
    await writer.appendEvents(seenRecords);
    const seen = await before.untilRecords(2);
    await first.close();
    await before.ended;

    const missed = [phaseRecord(AUDIT), phaseRecord(AUDIT), phaseRecord(AUDIT)];
    await writer.appendEvents(missed);
    const second = await serve(postgres(writer.schema));
    const resumed = await openStream(second.url, "/api/stream", {
      "Last-Event-ID": String(seen.at(-1)?.seq),
    });
    const after = phaseRecord(AUDIT);
    await writer.appendEvent(after);
    const got = await resumed.untilRecords(4);
    expect(got.map((m) => m.record)).toEqual([...missed, after]);
    const seqs = [...seen, ...got].map((m) => m.seq);
    expect([...new Set(seqs)].sort((a, b) => a - b)).toEqual(seqs);
  });

  it("counts once the records appended while it loads, delivered after the load", async (context) => {
    if (pg === undefined) context.skip(unavailable);
    const storage = postgres();
    const writer = postgres(storage.schema);
    await writer.appendEvents(auditRecords(AUDIT, { ended: false }));
    let loaded: () => void = () => {};
    const deliverFrom = new Promise<void>((resolve) => {
      loaded = resolve;
    });
    const server = await serve(
      racingLoad(storage, {
        before: () => writer.appendEvents([phaseRecord(AUDIT), phaseRecord(AUDIT)]),
        after: () => writer.appendEvent(phaseRecord(AUDIT)),
        deliverFrom,
      }),
    );
    loaded();
    await appliedUpTo(server.url, writer, AUDIT);
    expect(await eventCountOf(server.url, AUDIT)).toBe(3 + 3 + 1);
  });
});
