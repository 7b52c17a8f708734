import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EventRecord } from "@phaser/events-core";
import { makeRecord } from "@phaser/events-storage-testkit";
import { afterAll, describe, expect, it } from "vitest";
import { JsonFileStorage } from "../src/index.js";
import { removeTempDirs, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

/**
 * Starts a watch and resolves once it is ready, with a promise of the first
 * `count` records it delivers (the watch stops after them).
 */
async function firstDelivered(
  storage: JsonFileStorage,
  count: number,
  onError: (error: Error) => void = () => {},
): Promise<{ records: Promise<EventRecord[]> }> {
  const received: EventRecord[] = [];
  let done: (records: EventRecord[]) => void = () => {};
  const records = new Promise<EventRecord[]>((resolve) => {
    done = resolve;
  });
  const handle = storage.watch(
    (record) => {
      received.push(record);
      if (received.length === count) void handle.stop().then(() => done(received));
    },
    { onError },
  );
  await handle.ready;
  return { records };
}

describe("JsonFileStorage.watch across instances", () => {
  it("delivers what another instance on the same file appends", async () => {
    const dir = tempDir();
    const watcher = new JsonFileStorage({ dir });
    const writer = new JsonFileStorage({ dir });
    await writer.appendEvent(makeRecord({ audit_id: "old" }));
    const delivered = (await firstDelivered(watcher, 2)).records;
    const records = [makeRecord(), makeRecord()];
    await writer.appendEvent(records[0] as EventRecord);
    await writer.appendEvent(records[1] as EventRecord);
    expect(await delivered).toEqual(records);
    await Promise.all([watcher.close(), writer.close()]);
  });

  it("waits for a file, and a folder, that do not exist yet", async () => {
    const dir = join(tempDir(), "not", "yet");
    const watcher = new JsonFileStorage({ dir });
    const delivered = (await firstDelivered(watcher, 1)).records;
    const record = makeRecord();
    await new JsonFileStorage({ dir }).appendEvent(record);
    expect(await delivered).toEqual([record]);
    await watcher.close();
  });

  it("reports a file it cannot read once, and delivers again once the file is repaired", async () => {
    const dir = tempDir();
    const path = join(dir, "events.json");
    const watcher = new JsonFileStorage({ dir });
    const errors: Error[] = [];
    let reported: () => void = () => {};
    const firstError = new Promise<void>((resolve) => {
      reported = resolve;
    });
    const { records: delivered } = await firstDelivered(watcher, 1, (error) => {
      errors.push(error);
      reported();
    });
    writeFileSync(path, "{ not json");
    await firstError;
    const record = makeRecord();
    writeFileSync(path, JSON.stringify({ version: 1, events: [record] }));
    expect(await delivered).toEqual([record]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain(path);
    await watcher.close();
  });

  it("stops every watch on close", async () => {
    const dir = tempDir();
    const watcher = new JsonFileStorage({ dir });
    const received: EventRecord[] = [];
    watcher.watch((record) => {
      received.push(record);
    });
    await watcher.close();
    const witness = new JsonFileStorage({ dir });
    const seen = (await firstDelivered(witness, 1)).records;
    await new JsonFileStorage({ dir }).appendEvent(makeRecord());
    // The witness polls like the closed watcher would have: once it has the record, so would the other.
    await seen;
    expect(received).toEqual([]);
    await witness.close();
    expect(() => watcher.watch(() => {})).toThrow(/closed/);
  });
});
