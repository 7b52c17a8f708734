import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnNodeScript } from "@phaser/events-storage-testkit/process";
import { JsonFileStorage } from "@phaser/events-store-json";
import { describe, expect, it } from "vitest";
import { later, serve, tempDir } from "./helpers.js";
import { send } from "./http-client.js";
import { openStream } from "./sse-reader.js";

const AUDIT = "aaaaaaaa-0000-4000-8000-000000000001";
const WRITER = fileURLToPath(new URL("./fixtures/append-records.mjs", import.meta.url));

/** Runs the writer process to its end; resolves with the ids it stored, in order. */
async function appendFromAnotherProcess(path: string, count: number): Promise<string[]> {
  const writer = spawnNodeScript(WRITER, [path, AUDIT, String(count)]);
  const exit = await writer.closed;
  expect(exit, writer.stderr()).toEqual({ code: 0, signal: null });
  return [...writer.lines];
}

function jsonStore(path: string): JsonFileStorage {
  const storage = new JsonFileStorage({ path });
  later(() => storage.close());
  return storage;
}

describe("over a JSON file another process appends to", () => {
  it("streams what the other process appends, in order", async () => {
    const path = join(tempDir(), "events.json");
    const server = await serve(jsonStore(path));
    const stream = await openStream(server.url);
    const ids = await appendFromAnotherProcess(path, 20);
    const got = await stream.untilRecords(20);
    expect(got.map((m) => m.record.id)).toEqual(ids);
    expect(got.map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const audits = (await send(server.url, "/api/audits")).json<{
      audits: { eventCount: number }[];
    }>();
    expect(audits.audits[0]?.eventCount).toBe(20);
  });

  it("a stream resumed with Last-Event-ID after the server restarts misses nothing", async () => {
    const path = join(tempDir(), "events.json");
    const first = await serve(jsonStore(path));
    const before = await openStream(first.url);
    const ids = await appendFromAnotherProcess(path, 5);
    const seen = await before.untilRecords(5);
    await first.close();
    await before.ended;

    const missed = await appendFromAnotherProcess(path, 5); // while no server runs
    const second = await serve(jsonStore(path));
    const resumed = await openStream(second.url, "/api/stream", {
      "Last-Event-ID": String(seen.at(-1)?.seq),
    });
    const after = await appendFromAnotherProcess(path, 3);
    const got = await resumed.untilRecords(8);
    expect(got.map((m) => m.record.id)).toEqual([...missed, ...after]);
    expect([...seen, ...got].map((m) => m.seq)).toEqual(
      Array.from({ length: 13 }, (_, i) => i + 1),
    );
    expect(seen.map((m) => m.record.id)).toEqual(ids);
  });
});
