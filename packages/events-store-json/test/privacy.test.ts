import { chmodSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeRecord } from "@phaser/events-storage-testkit";
import { afterAll, describe, expect, it } from "vitest";
import { JsonFileStorage } from "../src/index.js";
import { removeTempDirs, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

const mode = (path: string) => statSync(path).mode & 0o777;

describe("JsonFileStorage privacy: events carry command output", () => {
  it("creates a new store folder with mode 0700 and the events file with mode 0600", async () => {
    const dir = join(tempDir(), "store", "nested");
    await new JsonFileStorage({ dir }).appendEvent(makeRecord());
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, ".."))).toBe(0o700);
    expect(mode(join(dir, "events.json"))).toBe(0o600);
  });

  it("makes migration backups 0600", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "events.json"), JSON.stringify([makeRecord()]));
    chmodSync(join(dir, "events.json"), 0o644);
    await new JsonFileStorage({ dir }).getEvents();
    expect(mode(join(dir, "events.json.bak"))).toBe(0o600);
  });

  it("keeps the mode of an existing file it rewrites", async () => {
    const dir = tempDir();
    const path = join(dir, "events.json");
    writeFileSync(path, JSON.stringify({ version: 1, events: [] }));
    chmodSync(path, 0o640);
    await new JsonFileStorage({ path }).appendEvent(makeRecord());
    expect(mode(path)).toBe(0o640);
  });
});

describe("JsonFileStorage temp files", () => {
  it("removes temp files that killed writers left behind, on the next write", async () => {
    const dir = tempDir();
    const path = join(dir, "events.json");
    await new JsonFileStorage({ path }).appendEvent(makeRecord());
    // pid 2^22+1 is above Linux's pid_max: no live process has it.
    const orphan = join(dir, ".events.json.4194305.deadbeef0000.tmp");
    const backupOrphan = join(dir, ".events.json.4194305.bak-0123456789ab.tmp");
    writeFileSync(orphan, '{"version": 1, "ev');
    writeFileSync(backupOrphan, "[");
    const unrelated = join(dir, "notes.tmp");
    writeFileSync(unrelated, "mine");
    await new JsonFileStorage({ path }).appendEvent(makeRecord());
    expect(readdirSync(dir).sort()).toEqual(["events.json", "notes.tmp"]);
  });
});
