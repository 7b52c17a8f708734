import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { EventEmitter } from "@phaser/events-core";
import { afterAll, describe, expect, it } from "vitest";
import { JsonFileStorage } from "../src/index.js";
import { removeTempDirs, tempDir } from "./helpers.js";
import { python3 } from "./python3.js";

afterAll(removeTempDirs);

const fixture = fileURLToPath(new URL("./fixtures/python-events.json", import.meta.url));
const pythonReader = fileURLToPath(new URL("./fixtures/python_reader.py", import.meta.url));
const AUDIT = "6f1c2a9e-8d4b-4c3f-9a7e-2b5d8c1e4f60";
const original = JSON.parse(readFileSync(fixture, "utf8")) as {
  events: { id: string; timestamp: string }[];
};

function copyOfFixture(): string {
  const path = join(tempDir(), "events.json");
  copyFileSync(fixture, path);
  return path;
}

/**
 * The Python check needs python3 3.11 or newer (older `fromisoformat` refuses
 * "Z"). CI installs it (.ci/run) and must run the check; a developer machine
 * without it skips that one test and says why.
 */
const python = (() => {
  try {
    execFileSync(python3(), ["-c", "import sys; sys.exit(sys.version_info < (3, 11))"]);
    return true;
  } catch {
    return false;
  }
})();
if (!python) {
  const reason = "python3 3.11 or newer is not on PATH";
  if (process.env.CI) throw new Error(`The Python compatibility test must run in CI: ${reason}`);
  console.warn(`[python-files] skipping the Python tooling check: ${reason}`);
}

/** Reads the file with the reference Python implementation's logic (python3). */
function readWithPython(path: string): { count: number; ids: string[]; types: string[] } {
  return JSON.parse(execFileSync(python3(), [pythonReader, path], { encoding: "utf8" }));
}

describe("files written by the Python implementation (2-space JSON, +00:00 timestamps)", () => {
  it("reads every record with its original timestamp text", async () => {
    const storage = new JsonFileStorage({ path: copyOfFixture() });
    const records = await storage.getEvents();
    expect(records).toEqual(original.events);
    expect(records.map((r) => r.timestamp)).toContain("2025-12-05T10:15:33+00:00");
  });

  it("compares since/until by instant, not as strings", async () => {
    const storage = new JsonFileStorage({ path: copyOfFixture() });
    // "2025-12-05T10:15:32.123956+00:00" is after 10:15:32.123Z although it sorts before it as a string.
    const since = await storage.getEvents({ since: "2025-12-05T10:15:32.123Z" });
    expect(since.map((r) => r.timestamp)).toEqual([
      "2025-12-05T10:15:32.123956+00:00",
      "2025-12-05T10:15:33+00:00",
      "2025-12-05T10:15:33.124333+00:00",
      "2025-12-05T10:15:34.123456+00:00",
    ]);
    const until = await storage.getEvents({ until: new Date("2025-12-05T10:15:33.000Z") });
    expect(until).toHaveLength(3);
    const exact = await storage.getEvents({
      since: "2025-12-05T10:15:33Z",
      until: "2025-12-05T10:15:33.001Z",
    });
    expect(exact.map((r) => r.timestamp)).toEqual(["2025-12-05T10:15:33+00:00"]);
  });

  it("keeps the original strings when rewriting, and orders new events by instant among them", async () => {
    const path = copyOfFixture();
    const emitter = new EventEmitter({
      storage: new JsonFileStorage({ path }),
      now: () => new Date("2025-12-05T10:15:33.500Z"),
    });
    const added = await emitter.emit("file_modified", AUDIT, {
      phase: 1,
      data: { path: "specs/events.md", size_bytes: 4600, lines_added: 3, lines_removed: 1 },
    });
    const file = JSON.parse(readFileSync(path, "utf8"));
    expect(file.events.slice(0, original.events.length)).toEqual(original.events);
    expect(file.events.at(-1)).toEqual(added.toDict());
    const timeline = await new JsonFileStorage({ path }).getEvents();
    expect(timeline.map((r) => r.id).indexOf(added.id)).toBe(5);
  });

  it.skipIf(!python)("leaves the file readable by the Python tooling after an append", async () => {
    const path = copyOfFixture();
    expect(readWithPython(path).count).toBe(6);
    const emitter = new EventEmitter({ storage: new JsonFileStorage({ path }) });
    const added = await emitter.emit("phase_skipped", AUDIT, {
      phase: 2,
      data: { reason: "user_request" },
    });
    const read = readWithPython(path);
    expect(read.count).toBe(7);
    expect(read.ids.at(-1)).toBe(added.id);
    expect(read.types.at(-1)).toBe("phase_skipped");
  });
});
