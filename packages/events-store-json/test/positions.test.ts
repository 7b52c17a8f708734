import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { EventRecord } from "@phaser/events-core";
import { makeRecord } from "@phaser/events-storage-testkit";
import { afterAll, describe, expect, it } from "vitest";
import { JsonFileStorage } from "../src/index.js";
import { removeTempDirs, tempDir } from "./helpers.js";
import { python3 } from "./python3.js";

afterAll(removeTempDirs);

const pythonAppend = fileURLToPath(new URL("./fixtures/python_append.py", import.meta.url));

/** Every record of the store with its position: a watch from 0, stopped once it has `count`. */
async function positions(storage: JsonFileStorage, count: number): Promise<[string, number][]> {
  const seen: [string, number][] = [];
  let done: () => void = () => {};
  const all = new Promise<void>((resolve) => {
    done = resolve;
  });
  const handle = storage.watch(
    (record, { seq }) => {
      seen.push([record.id, seq]);
      if (seen.length === count) done();
    },
    { fromSeq: 0, onError: () => {} },
  );
  await all;
  await handle.stop();
  return seen;
}

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

describe("positions in the JSON file", () => {
  it("keeps positions 1…n through a version-0 migration, then through a clear", async () => {
    const path = join(tempDir(), "events.json");
    const records = [1, 2, 3].map((m) => makeRecord({ timestamp: at(m) }));
    writeFileSync(path, JSON.stringify(records));
    const storage = new JsonFileStorage({ path });
    expect((await storage.migrate()).from).toBe(0);
    expect(await positions(storage, 3)).toEqual(records.map((r, i) => [r.id, i + 1]));
    await storage.clearEvents({ before: at(2) });
    expect(await positions(storage, 2)).toEqual([
      [records[1]?.id, 2],
      [records[2]?.id, 3],
    ]);
    expect(JSON.parse(readFileSync(path, "utf8")).seq_runs).toEqual([[2, 2]]);
  });

  it("gives a record the Python tool appended the next position, and keeps going after it", async () => {
    const path = join(tempDir(), "events.json");
    const storage = new JsonFileStorage({ path });
    const ours = [1, 2, 3].map((m) => makeRecord({ timestamp: at(m) }));
    await storage.appendEvents(ours);
    await storage.clearEvents({ before: at(2) }); // positions 2 and 3 stay; the file says so
    const theirs = makeRecord({ timestamp: at(4) });
    execFileSync(python3(), [pythonAppend, path, JSON.stringify(theirs)]);
    const after = makeRecord({ timestamp: at(5) });
    await new JsonFileStorage({ path }).appendEvent(after); // a new process: reads Python's layout
    const expected: [string | undefined, number][] = [
      [ours[1]?.id, 2],
      [ours[2]?.id, 3],
      [theirs.id, 4],
      [after.id, 5],
    ];
    expect(await positions(new JsonFileStorage({ path }), 4)).toEqual(expected);
    expect(await positions(storage, 4)).toEqual(expected);
  });

  it("never gives a position twice: clear all, cleanup and restarts only move forward", async () => {
    const path = join(tempDir(), "events.json");
    const now = () => new Date(at(100));
    const open = () => new JsonFileStorage({ path, maxEvents: 2, retentionDays: 0, now });
    const given: number[] = [];
    const append = async (storage: JsonFileStorage, record: EventRecord) => {
      await storage.appendEvent(record);
      const all = await positions(storage, (await storage.getEvents()).length);
      given.push(all.at(-1)?.[1] as number);
    };
    let storage = open();
    for (let m = 1; m <= 3; m++) await append(storage, makeRecord({ timestamp: at(m) }));
    await storage.clearEvents();
    storage = open(); // a restart after a clear of everything
    await append(storage, makeRecord({ timestamp: at(4) }));
    await append(storage, makeRecord({ timestamp: at(5) }));
    await append(storage, makeRecord({ timestamp: at(6) }));
    expect(await storage.cleanup()).toBe(1);
    storage = open();
    await append(storage, makeRecord({ timestamp: at(7) }));
    expect(given).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
