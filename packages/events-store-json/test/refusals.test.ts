import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EventEmitter, isStorageError } from "@phaser/events-core";
import { makeRecord } from "@phaser/events-storage-testkit";
import { afterAll, describe, expect, it } from "vitest";
import {
  CorruptStoreError,
  isCorruptStoreError,
  isUnsupportedVersionError,
  JsonFileStorage,
  UnsupportedVersionError,
} from "../src/index.js";
import { removeTempDirs, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

/** Writes `contents` as an events file and returns its path. */
function fileWith(contents: string): string {
  const path = join(tempDir(), "events.json");
  writeFileSync(path, contents);
  return path;
}

/** Every operation is refused with the same error, and the file never changes. */
async function expectRefused(path: string): Promise<unknown> {
  const before = readFileSync(path);
  const storage = new JsonFileStorage({ path });
  const errors = [
    await storage.getEvents().catch((e: unknown) => e),
    await storage.appendEvent(makeRecord()).catch((e: unknown) => e),
    await storage.appendEvents([makeRecord()]).catch((e: unknown) => e),
    await storage.clearEvents().catch((e: unknown) => e),
  ];
  for (const error of errors) {
    expect(isStorageError(error)).toBe(true);
    expect((error as Error).message).toContain(path);
  }
  expect(readFileSync(path).equals(before)).toBe(true);
  expect(readdirSync(join(path, ".."))).toEqual(["events.json"]);
  return errors[0];
}

describe("JsonFileStorage refuses files it cannot understand", () => {
  it("refuses a newer version with UnsupportedVersionError", async () => {
    const path = fileWith(JSON.stringify({ version: 2, events: [] }));
    const error = await expectRefused(path);
    expect(error).toBeInstanceOf(UnsupportedVersionError);
    expect(isUnsupportedVersionError(error)).toBe(true);
    expect((error as Error).name).toBe("UnsupportedVersionError");
    expect((error as UnsupportedVersionError).found).toBe(2);
    expect((error as UnsupportedVersionError).supported).toBe(1);
    expect((error as Error).message).toContain("version 2");
  });

  const corrupt: [string, string, RegExp][] = [
    [
      "invalid JSON",
      '{"version": 1, "events": [}',
      /invalid JSON at position 26 \(line 1, column 27/,
    ],
    [
      "a truncated file",
      JSON.stringify({ version: 1, events: [makeRecord()] }).slice(0, 60),
      /invalid JSON at position/,
    ],
    ["an empty file", "", /empty/],
    ["a string root", '"events"', /root is string/],
    ["a number root", "42", /root is number/],
    ["a null root", "null", /root is null/],
    ["an object without a version", '{"events": []}', /"version" must be/],
    ["a non-integer version", '{"version": "1", "events": []}', /"version" must be/],
    [
      "events that is not an array",
      '{"version": 1, "events": {}}',
      /"events" must be an array, found an object/,
    ],
    ["missing events", '{"version": 1}', /"events" must be an array, found nothing/],
  ];
  for (const [what, contents, reason] of corrupt) {
    it(`refuses ${what} with CorruptStoreError and leaves it byte-identical`, async () => {
      const path = fileWith(contents);
      const error = await expectRefused(path);
      expect(error).toBeInstanceOf(CorruptStoreError);
      expect(isCorruptStoreError(error)).toBe(true);
      expect((error as Error).name).toBe("CorruptStoreError");
      expect((error as CorruptStoreError).path).toBe(path);
      expect((error as CorruptStoreError).reason).toMatch(reason);
    });
  }
});

describe("JsonFileStorage keeps what it does not understand inside a valid file", () => {
  it("keeps unknown root fields, unknown record fields and unknown types through a write", async () => {
    const future = { ...makeRecord({ type: "audit_paused" }), origin: { host: "ci-7" } };
    const known = {
      ...makeRecord({ type: "file_deleted", data: { path: "a", why: "cleanup" } }),
      trace: "t-1",
    };
    const path = fileWith(
      JSON.stringify({
        version: 1,
        generator: { name: "py-phaser", v: "1.2" },
        events: [future, known],
      }),
    );
    const storage = new JsonFileStorage({ path });
    const added = makeRecord();
    await storage.appendEvent(added);
    const file = JSON.parse(readFileSync(path, "utf8"));
    expect(file).toEqual({
      version: 1,
      generator: { name: "py-phaser", v: "1.2" },
      events: [future, known, added],
    });
    expect(await new JsonFileStorage({ path }).getEvents()).toEqual([future, known, added]);
  });

  it("skips malformed records in queries, keeps them exactly on every write, and warns once with the index", async () => {
    const good = makeRecord();
    const missingId = { ...makeRecord(), id: undefined };
    const path = fileWith(
      JSON.stringify({ version: 1, events: [good, "not an object", missingId, 7] }),
    );
    const warnings: { index: number; message: string; path: string }[] = [];
    const storage = new JsonFileStorage({ path, onWarning: (w) => warnings.push(w) });
    expect(await storage.getEvents()).toEqual([good]);
    const added = makeRecord();
    await storage.appendEvent(added);
    await storage.clearEvents({ before: added.timestamp });
    expect(await storage.getEvents()).toEqual([added]);
    const file = JSON.parse(readFileSync(path, "utf8"));
    expect(file.events).toEqual(["not an object", { ...missingId, id: undefined }, 7, added]);
    expect(warnings.map((w) => w.index)).toEqual([1, 2, 3]);
    expect(warnings[1]?.message).toContain("id");
    expect(warnings.every((w) => w.path === path)).toBe(true);
  });

  it("skips malformed records in replay and does not count them", async () => {
    const first = makeRecord({ audit_id: "a", timestamp: "2025-12-05T10:15:30.000Z" });
    const last = makeRecord({ audit_id: "a", timestamp: "2025-12-05T10:15:32.000Z" });
    const wrongPhase = makeRecord({
      audit_id: "a",
      timestamp: "2025-12-05T10:15:31.000Z",
      phase: 0,
    });
    const path = fileWith(JSON.stringify({ version: 1, events: [first, wrongPhase, last] }));
    const emitter = new EventEmitter({
      storage: new JsonFileStorage({ path, onWarning: () => {} }),
    });
    const seen: string[] = [];
    expect(await emitter.replay("a", (event) => seen.push(event.id))).toBe(2);
    expect(seen).toEqual([first.id, last.id]);
  });
});
