import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { makeRecord } from "@phaser/events-storage-testkit";
import { afterAll, describe, expect, it } from "vitest";
import * as api from "../../src/index.js";
import { JsonFileStorage, MAX_RECORD_BYTES } from "../../src/index.js";
import { removeTempDirs, tempDir } from "../helpers.js";
import { pythonJsonLoad } from "./helpers.js";
import {
  acceptsExactlyTheLimit,
  rejection,
  storeWithLimit,
  storeWithOneRecord,
} from "./record-limit-helpers.js";

afterAll(removeTempDirs);

const MIB = 1024 * 1024;
/**
 * The limit of the stores below but the last: the store's checks are the same at any limit, and
 * these need no 64 MiB records. The last proves that the default is 64 MiB; the full-size
 * write and read back of a record of exactly 64 MiB runs in CI (record-limit-full.test.ts).
 */
const LIMIT = 64 * 1024;

describe("the size limit of one record (64 MiB of JSON; 64 KiB given for tests)", () => {
  it("refuses a larger record with RECORD_TOO_LARGE before writing anything, or creating a file", async () => {
    const { path, bytes } = await storeWithOneRecord();
    const storage = storeWithLimit(path, LIMIT);
    const huge = makeRecord({ data: { blob: "x".repeat(LIMIT) } });

    const alone = await rejection(storage.appendEvent(huge));
    expect(alone?.code, alone?.message).toBe("RECORD_TOO_LARGE");
    expect(alone?.message).toContain(path);
    expect(alone?.limit).toBe(LIMIT);
    expect(readFileSync(path).equals(bytes)).toBe(true);

    const small = makeRecord();
    const batch = await rejection(storage.appendEvents([small, huge]));
    expect(batch?.code, batch?.message).toBe("RECORD_TOO_LARGE");
    expect(readFileSync(path).equals(bytes), "nothing of its batch").toBe(true);
    expect(readdirSync(join(path, ".."))).toEqual(["events.json"]);
    expect(await storage.getEvents()).toHaveLength(1);

    // The first record of a store that has no file yet: no file, no folder entry.
    const fresh = join(tempDir(), "events.json");
    const first = await rejection(storeWithLimit(fresh, LIMIT).appendEvent(huge));
    expect(first?.code, first?.message).toBe("RECORD_TOO_LARGE");
    expect(existsSync(fresh)).toBe(false);
  });

  it("counts bytes, not characters: 34/64 of the limit in two-byte characters is over it", async () => {
    const { path, bytes } = await storeWithOneRecord();
    const wide = makeRecord({ data: { blob: "é".repeat((34 * LIMIT) / 64) } });
    expect(JSON.stringify(wide).length, "characters").toBeLessThan(LIMIT);
    const error = await rejection(storeWithLimit(path, LIMIT).appendEvent(wide));
    expect(error?.code, error?.message).toBe("RECORD_TOO_LARGE");
    expect(error?.bytes).toBe(Buffer.byteLength(JSON.stringify(wide)));
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it("accepts a record of exactly the limit, which a fresh store reads back, and refuses one byte more", async () => {
    await acceptsExactlyTheLimit(LIMIT, LIMIT);
  });

  it("is 64 MiB of bytes (MAX_RECORD_BYTES) by default: a record of one byte more is refused untouched", async () => {
    expect(MAX_RECORD_BYTES).toBe(64 * MIB);
    expect(Object.keys(api), "the limit given for tests is not exported").not.toContain(
      "RECORD_LIMIT_FOR_TESTS",
    );
    const { path, bytes } = await storeWithOneRecord();
    const empty = makeRecord({ data: { blob: "" } });
    const room = MAX_RECORD_BYTES - Buffer.byteLength(JSON.stringify(empty));
    // Two-byte characters: half the characters (and the CPU) of the one-byte ones.
    const blob = "é".repeat(Math.floor((room + 1) / 2)) + "o".repeat((room + 1) % 2);
    const over = { ...empty, data: { blob } };
    const error = await rejection(new JsonFileStorage({ path }).appendEvent(over));
    expect(error?.code, error?.message).toBe("RECORD_TOO_LARGE");
    expect(error?.bytes).toBe(MAX_RECORD_BYTES + 1);
    expect(error?.limit).toBe(MAX_RECORD_BYTES);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  }, 30_000);

  it("stores a 1 MiB record", async () => {
    const { path, seed } = await storeWithOneRecord();
    const large = makeRecord({ data: { blob: "y".repeat(MIB) } });
    await new JsonFileStorage({ path }).appendEvent(large);
    expect(await new JsonFileStorage({ path }).getEvents()).toEqual([seed, large]);
    expect(await pythonJsonLoad(path)).toBe("");
  }, 30_000);
});
