import type { EventRecord } from "@phaser/events-core";
import {
  createTestDatabase,
  restartTestServer,
  startTestServer,
  stopTestServer,
  type TestServerInfo,
} from "@phaser/postgres-test-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresStorage } from "../../src/index.js";
import { noServer, uniqueName } from "../helpers.js";
import { type FixtureProcess, isUuid, occurrences, spawnFixture } from "./helpers.js";

const WRITERS = 3;

/** Resolves once `writer` has acknowledged at least `count` ids. */
function acknowledged(writer: FixtureProcess, count: number): Promise<string> {
  let seen = 0;
  return writer.line((line) => isUuid(line) && ++seen >= count);
}

// Restarting a server disturbs everyone on it: this file starts its own.
describe.skipIf(noServer)("PostgresStorage across a server restart", () => {
  let server: TestServerInfo;
  beforeAll(async () => {
    server = await startTestServer();
  }, 120_000);
  afterAll(async () => {
    if (server !== undefined) await stopTestServer(server);
  });

  it("loses nothing and doubles nothing: writers retry, and a watch reconnects and catches up", async () => {
    const url = await createTestDatabase(server, uniqueName("restart"));
    const schema = uniqueName("s");
    const storage = new PostgresStorage({ connectionString: url, schema, pollMs: 200 });
    await storage.migrate();
    const delivered: EventRecord[] = [];
    const watchErrors: unknown[] = [];
    let wanted = Number.POSITIVE_INFINITY;
    let caughtUp: () => void = () => undefined;
    const allDelivered = new Promise<void>((resolve) => {
      caughtUp = resolve;
    });
    const watch = storage.watch(
      (record) => {
        delivered.push(record);
        if (delivered.length >= wanted) caughtUp();
      },
      { fromSeq: 0, onError: (error) => watchErrors.push(error) },
    );
    const writers = Array.from({ length: WRITERS }, () =>
      spawnFixture("retry-writer.mjs", [url, schema], { stdin: true }),
    );
    try {
      await Promise.all(writers.map((writer) => acknowledged(writer, 50)));
      const before = writers.map((writer) => writer.lines.filter(isUuid).length);
      await restartTestServer(server);
      // Every writer must get through after the restart, not merely have been fast before it.
      await Promise.all(writers.map((writer, n) => acknowledged(writer, (before[n] ?? 0) + 50)));
      for (const writer of writers) writer.child.stdin?.end("stop\n");
      const exits = await Promise.all(writers.map((writer) => writer.closed));
      writers.forEach((writer, n) => {
        expect(exits[n], `writer ${n}: ${writer.stderr()}`).toEqual({ code: 0, signal: null });
      });
      expect(
        writers.some((writer) => writer.stderr().includes("retry")),
        "the restart interrupted no writer: the test did not test anything",
      ).toBe(true);

      const acked = writers.flatMap((writer) => writer.lines.filter(isUuid));
      const stored = await storage.getEvents();
      const storedCounts = occurrences(stored.map((r) => r.id));
      expect(
        acked.filter((id) => storedCounts.get(id) !== 1),
        "acknowledged, not stored once",
      ).toEqual([]);
      expect(stored.length).toBe(new Set(stored.map((r) => r.id)).size);

      wanted = stored.length;
      if (delivered.length >= wanted) caughtUp();
      await allDelivered;
      const deliveredCounts = occurrences(delivered.map((r) => r.id));
      expect(
        stored.filter((r) => deliveredCounts.get(r.id) !== 1),
        "not delivered once",
      ).toEqual([]);
      expect(delivered).toHaveLength(stored.length);
      expect(watchErrors.length, "the watch never noticed the restart").toBeGreaterThan(0);
    } finally {
      for (const writer of writers) writer.child.kill("SIGKILL");
      await watch.stop();
      await storage.close();
    }
  }, 180_000);
});
