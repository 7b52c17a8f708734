import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeRecord } from "@phaser/events-storage-testkit";
import { afterAll, describe, expect, it } from "vitest";
import { JsonFileStorage } from "../src/index.js";
import { stringifyDeep } from "../src/stringify-deep.js";
import { removeTempDirs, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

describe("stringifyDeep", () => {
  it("matches JSON.stringify on parsed JSON", () => {
    for (const value of [
      null,
      0,
      -1.5e-7,
      'a "quoted" \u2028 line',
      [],
      {},
      [1, [2, [3, {}]], { a: [null, true] }],
      { "": 1, "odd key": { nested: ["x", { y: false }] } },
    ]) {
      expect(stringifyDeep(value)).toBe(JSON.stringify(value));
    }
  });

  it("serializes what JSON.stringify cannot: 20,000 levels", () => {
    const text = `${"[".repeat(20_000)}1${"]".repeat(20_000)}`;
    const value = JSON.parse(text);
    expect(() => JSON.stringify(value)).toThrow(RangeError);
    expect(stringifyDeep(value)).toBe(text);
  });
});

describe("JsonFileStorage with a record nested thousands deep", () => {
  it("skips it, warns, and writes it back exactly on the next append", async () => {
    const path = join(tempDir(), "events.json");
    const good = makeRecord();
    const deep = `{"data":${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}}`;
    writeFileSync(path, `{"version":1,"events":[${JSON.stringify(good)},${deep}]}`);
    const warnings: number[] = [];
    const storage = new JsonFileStorage({ path, onWarning: (w) => warnings.push(w.index) });
    expect(await storage.getEvents()).toEqual([good]);
    expect(warnings).toEqual([1]);
    const added = makeRecord();
    await storage.appendEvent(added);
    const text = readFileSync(path, "utf8");
    expect(text).toContain(deep);
    expect(await new JsonFileStorage({ path, onWarning: () => {} }).getEvents()).toEqual([
      good,
      added,
    ]);
  });
});
