import { renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { isWatchResetError } from "@phaser/events-core";
import { makeRecord } from "@phaser/events-storage-testkit";
import { afterAll, describe, expect, it } from "vitest";
import { JsonFileStorage } from "../src/index.js";
import { removeTempDirs, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

/** A watch from the start of `storage`: what it delivered (id and position) and what it reported. */
function follow(storage: JsonFileStorage) {
  const seen: [string, number][] = [];
  const errors: Error[] = [];
  const waiters: (() => void)[] = [];
  const handle = storage.watch(
    (record, { seq }) => {
      seen.push([record.id, seq]);
      for (const wake of waiters.splice(0)) wake();
    },
    { fromSeq: 0, onError: (error) => errors.push(error) },
  );
  /** Resolves once `count` records were delivered in all. */
  const delivered = async (count: number) => {
    while (seen.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  return { seen, errors, handle, delivered };
}

describe("JsonFileStorage.watch when the file is replaced", () => {
  it("deleted and made anew: reports a WatchResetError, then delivers the new file's records from 1", async () => {
    const path = join(tempDir(), "events.json");
    const old = [makeRecord(), makeRecord(), makeRecord()];
    await new JsonFileStorage({ path }).appendEvents(old);
    const watcher = new JsonFileStorage({ path });
    const watch = follow(watcher);
    await watch.delivered(3);
    rmSync(path);
    const fresh = [makeRecord({ audit_id: "new" }), makeRecord({ audit_id: "new" })];
    await new JsonFileStorage({ path }).appendEvents(fresh);
    await watch.delivered(5);
    expect(watch.seen.slice(3)).toEqual([
      [fresh[0]?.id, 1],
      [fresh[1]?.id, 2],
    ]);
    expect(watch.errors).toHaveLength(1);
    expect(isWatchResetError(watch.errors[0])).toBe(true);
    expect(watch.errors[0]).toMatchObject({ afterSeq: 3, end: 2, path });
    await watcher.close();
  });

  it("swapped for another store's smaller file: the same", async () => {
    const dir = tempDir();
    const path = join(dir, "events.json");
    await new JsonFileStorage({ path }).appendEvents([makeRecord(), makeRecord()]);
    const other = join(dir, "other.json");
    const theirs = makeRecord({ audit_id: "theirs" });
    await new JsonFileStorage({ path: other }).appendEvent(theirs);
    const watcher = new JsonFileStorage({ path });
    const watch = follow(watcher);
    await watch.delivered(2);
    renameSync(other, path);
    await watch.delivered(3);
    expect(watch.seen[2]).toEqual([theirs.id, 1]);
    expect(watch.errors).toEqual([expect.objectContaining({ code: "WATCH_RESET", end: 1 })]);
    await watcher.close();
  });

  it("swapped for a file that already holds more records: told by the record at its last position", async () => {
    const dir = tempDir();
    const path = join(dir, "events.json");
    await new JsonFileStorage({ path }).appendEvents([makeRecord(), makeRecord()]);
    const other = join(dir, "other.json");
    const theirs = [makeRecord(), makeRecord(), makeRecord(), makeRecord()];
    await new JsonFileStorage({ path: other }).appendEvents(theirs);
    const watcher = new JsonFileStorage({ path });
    const watch = follow(watcher);
    await watch.delivered(2);
    renameSync(other, path);
    await watch.delivered(6);
    expect(watch.seen.slice(2)).toEqual(theirs.map((record, i) => [record.id, i + 1]));
    expect(watch.errors).toEqual([
      expect.objectContaining({ code: "WATCH_RESET", afterSeq: 2, end: 4 }),
    ]);
    await watcher.close();
  });

  it("rewritten by a clear in place: no reset, the records after the clear follow", async () => {
    const path = join(tempDir(), "events.json");
    const writer = new JsonFileStorage({ path });
    const old = [makeRecord({ timestamp: "2020-01-01T00:00:00.000Z" }), makeRecord()];
    await writer.appendEvents(old);
    const watcher = new JsonFileStorage({ path });
    const watch = follow(watcher);
    await watch.delivered(2);
    await writer.clearEvents({ before: "2021-01-01T00:00:00.000Z" });
    const added = makeRecord();
    await writer.appendEvent(added);
    await watch.delivered(3);
    expect(watch.seen[2]).toEqual([added.id, 3]);
    expect(watch.errors).toEqual([]);
    await Promise.all([writer.close(), watcher.close()]);
  });
});
