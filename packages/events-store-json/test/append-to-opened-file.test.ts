import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeRecord } from "@phaser/events-storage-testkit";
import { afterAll, describe, expect, it } from "vitest";
import { JsonFileStorage } from "../src/index.js";
import { removeTempDirs, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

// The first append after opening a file reuses the file's own bytes for what
// it already holds instead of re-serializing every record.
const fixture = fileURLToPath(new URL("./fixtures/python-events.json", import.meta.url));

function fileWith(contents: string): string {
  const path = join(tempDir(), "events.json");
  writeFileSync(path, contents);
  return path;
}

describe("appending to a file the store just opened", () => {
  it("keeps the file's bytes for what it held, formatting included", async () => {
    const path = join(tempDir(), "events.json");
    copyFileSync(fixture, path);
    const before = readFileSync(path, "utf8");
    const storage = new JsonFileStorage({ path });
    const added = makeRecord();
    await storage.appendEvent(added);
    const after = readFileSync(path, "utf8");
    // Byte for byte up to the end of the last record it held.
    expect(after.startsWith(before.slice(0, before.lastIndexOf("]")).trimEnd())).toBe(true);
    const file = JSON.parse(after);
    expect(file.events.slice(0, -1)).toEqual(JSON.parse(before).events);
    expect(file.events.at(-1)).toEqual(added);
    // And the next appends go on from the bytes it wrote.
    const next = makeRecord();
    await storage.appendEvent(next);
    expect(JSON.parse(readFileSync(path, "utf8")).events.slice(-2)).toEqual([added, next]);
  });

  it("does not take a root member after events for the events array", async () => {
    const first = makeRecord();
    const path = fileWith(
      `{"version":1,"events":[${JSON.stringify(first)}],"tags":["kept"],"2":["kept too"]}`,
    );
    const added = makeRecord();
    await new JsonFileStorage({ path }).appendEvent(added);
    const file = JSON.parse(readFileSync(path, "utf8"));
    expect(file).toEqual({ version: 1, events: [first, added], tags: ["kept"], 2: ["kept too"] });
  });

  it("re-serializes when records were removed since the file was read", async () => {
    const records = [makeRecord(), makeRecord(), makeRecord()];
    const path = fileWith(JSON.stringify({ version: 1, events: records }));
    const storage = new JsonFileStorage({ path });
    await storage.clearEvents({ before: records[1]?.timestamp });
    const added = makeRecord();
    await storage.appendEvent(added);
    expect(JSON.parse(readFileSync(path, "utf8")).events).toEqual([...records.slice(1), added]);
  });
});
