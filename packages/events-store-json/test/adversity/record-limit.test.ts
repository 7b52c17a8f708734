import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { makeRecord } from "@phaser/events-storage-testkit";
import { afterAll, describe, expect, it } from "vitest";
import { JsonFileStorage, MAX_RECORD_BYTES } from "../../src/index.js";
import { removeTempDirs, tempDir } from "../helpers.js";
import { pythonJsonLoad } from "./helpers.js";

afterAll(removeTempDirs);

const MIB = 1024 * 1024;

async function rejection(promise: Promise<unknown>) {
  return promise.then(
    () => undefined,
    (e: unknown) => e as { code?: string; message?: string },
  );
}

async function storeWithOneRecord() {
  const path = join(tempDir(), "events.json");
  const seed = makeRecord();
  await new JsonFileStorage({ path }).appendEvent(seed);
  return { path, seed, bytes: readFileSync(path) };
}

describe("the size limit of one record (64 MiB of JSON)", () => {
  it("refuses a larger record with RECORD_TOO_LARGE before writing anything, or creating a file", async () => {
    const { path, bytes } = await storeWithOneRecord();
    const storage = new JsonFileStorage({ path });
    const huge = makeRecord({ data: { blob: "x".repeat(64 * MIB) } });

    const alone = await rejection(storage.appendEvent(huge));
    expect(alone?.code, alone?.message).toBe("RECORD_TOO_LARGE");
    expect(alone?.message).toContain(path);
    expect(readFileSync(path).equals(bytes)).toBe(true);

    const small = makeRecord();
    const batch = await rejection(storage.appendEvents([small, huge]));
    expect(batch?.code, batch?.message).toBe("RECORD_TOO_LARGE");
    expect(readFileSync(path).equals(bytes), "nothing of its batch").toBe(true);
    expect(readdirSync(join(path, ".."))).toEqual(["events.json"]);
    expect(await storage.getEvents()).toHaveLength(1);

    // The first record of a store that has no file yet: no file, no folder entry.
    const fresh = join(tempDir(), "events.json");
    const first = await rejection(new JsonFileStorage({ path: fresh }).appendEvent(huge));
    expect(first?.code, first?.message).toBe("RECORD_TOO_LARGE");
    expect(existsSync(fresh)).toBe(false);
  }, 60_000);

  it("counts bytes, not characters: 34 Mi two-byte characters are over the limit", async () => {
    const { path, bytes } = await storeWithOneRecord();
    const wide = makeRecord({ data: { blob: "é".repeat(34 * MIB) } });
    const error = await rejection(new JsonFileStorage({ path }).appendEvent(wide));
    expect(error?.code, error?.message).toBe("RECORD_TOO_LARGE");
    expect(readFileSync(path).equals(bytes)).toBe(true);
  }, 60_000);

  it("accepts a record of exactly the limit, which a fresh store reads back, and refuses one byte more", async () => {
    const { path, seed } = await storeWithOneRecord();
    const storage = new JsonFileStorage({ path });
    const empty = makeRecord({ data: { blob: "" } });
    const room = MAX_RECORD_BYTES - Buffer.byteLength(JSON.stringify(empty));
    const over = makeRecord({ data: { blob: "o".repeat(room + 1) } });
    const before = readFileSync(path);
    const error = await rejection(storage.appendEvent(over));
    expect(error?.code, error?.message).toBe("RECORD_TOO_LARGE");
    expect(readFileSync(path).equals(before)).toBe(true);

    const exact = { ...empty, data: { blob: "e".repeat(room) } };
    expect(Buffer.byteLength(JSON.stringify(exact))).toBe(64 * MIB);
    await storage.appendEvent(exact);
    const after = makeRecord();
    await storage.appendEvent(after);
    const read = await new JsonFileStorage({ path }).getEvents();
    expect(read.map((record) => record.id)).toEqual([seed.id, exact.id, after.id]);
    expect(read[1]?.data).toEqual(exact.data);
    // It writes and reads back 64 MiB: 4 s on an idle machine, 31 s with two `yes` on its two cores.
  }, 120_000);

  it("stores a 1 MiB record", async () => {
    const { path, seed } = await storeWithOneRecord();
    const large = makeRecord({ data: { blob: "y".repeat(MIB) } });
    await new JsonFileStorage({ path }).appendEvent(large);
    expect(await new JsonFileStorage({ path }).getEvents()).toEqual([seed, large]);
    expect(await pythonJsonLoad(path)).toBe("");
  }, 30_000);
});
