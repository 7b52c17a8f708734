import { appendFileSync, readFileSync, truncateSync } from "node:fs";
import { join } from "node:path";
import { makeRecord } from "@phaser/events-storage-testkit";
import { afterAll, describe, expect, it } from "vitest";
import { isCorruptStoreError, JsonFileStorage } from "../src/index.js";
import { removeTempDirs, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

/** A store of two records whose file then ends with `tail` in place of its closing. */
async function tornStore(tail: string): Promise<{ path: string; ids: string[] }> {
  const path = join(tempDir(), "events.json");
  const records = [makeRecord(), makeRecord()];
  await new JsonFileStorage({ path }).appendEvents(records);
  const text = readFileSync(path, "utf8");
  truncateSync(path, Buffer.byteLength(text.slice(0, text.lastIndexOf("\n  ]"))));
  appendFileSync(path, tail);
  return { path, ids: records.map((r) => r.id) };
}

describe("a torn tail", () => {
  it("of a record line of several MiB is read up to it and repaired, like a short one", async () => {
    // An append of a big record cut short: the separator and 3 MiB of its line, no closing.
    const { path, ids } = await tornStore(`,\n    {"id":"${"x".repeat(3 << 20)}`);
    const torn = readFileSync(path);
    expect((await new JsonFileStorage({ path }).getEvents()).map((r) => r.id)).toEqual(ids);
    expect(readFileSync(path).equals(torn)).toBe(true); // a reader changes nothing
    const next = makeRecord();
    await new JsonFileStorage({ path }).appendEvent(next);
    expect(JSON.parse(readFileSync(path, "utf8")).events.map((r: { id: string }) => r.id)).toEqual([
      ...ids,
      next.id,
    ]);
  });

  it("is told apart from other damage after the last record, which is refused untouched", async () => {
    for (const tail of [
      ",\n    {}\n  ]\n}\n{",
      ",\n    {\n  ]\n}\n",
      "\n  ]\n}\nx",
      ",\n",
      "garbage",
    ]) {
      const { path } = await tornStore(tail);
      const before = readFileSync(path);
      const error = await new JsonFileStorage({ path })
        .appendEvent(makeRecord())
        .catch((e: unknown) => e);
      if (tail === ",\n") {
        expect(error, JSON.stringify(tail)).toBeUndefined(); // a separator cut short: repaired
        continue;
      }
      expect(isCorruptStoreError(error), `${JSON.stringify(tail)}: ${String(error)}`).toBe(true);
      expect(readFileSync(path).equals(before)).toBe(true);
    }
  });
});
