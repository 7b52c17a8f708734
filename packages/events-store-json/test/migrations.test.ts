import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeRecord } from "@phaser/events-storage-testkit";
import { afterAll, describe, expect, it } from "vitest";
import {
  currentVersion,
  defaultMigrations,
  isCorruptStoreError,
  isUnsupportedVersionError,
  JsonFileStorage,
  type MigrationRegistry,
} from "../src/index.js";
import { removeTempDirs, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

function fileWith(value: unknown): { dir: string; path: string; original: string } {
  const dir = tempDir();
  const path = join(dir, "events.json");
  const original = JSON.stringify(value, null, 2);
  writeFileSync(path, original);
  return { dir, path, original };
}

const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));

describe("JsonFileStorage migrations", () => {
  it("migrates a version-0 bare array to version 1 on first read, after a .bak copy", async () => {
    const records = [
      makeRecord(),
      makeRecord({ type: "audit_completed", data: { duration_seconds: 1.5 } }),
    ];
    const { path, original } = fileWith(records);
    const storage = new JsonFileStorage({ path });
    expect(await storage.getEvents()).toEqual(records);
    expect(readJson(path)).toEqual({ version: 1, events: records });
    expect(readFileSync(`${path}.bak`, "utf8")).toBe(original);
  });

  it("never overwrites an older backup: .bak, then .bak.1, .bak.2", async () => {
    const { dir, path, original } = fileWith([makeRecord()]);
    writeFileSync(`${path}.bak`, "older backup");
    writeFileSync(`${path}.bak.1`, "even older");
    await new JsonFileStorage({ path }).getEvents();
    expect(readFileSync(`${path}.bak`, "utf8")).toBe("older backup");
    expect(readFileSync(`${path}.bak.1`, "utf8")).toBe("even older");
    expect(readFileSync(`${path}.bak.2`, "utf8")).toBe(original);
    expect(readdirSync(dir).sort()).toEqual([
      "events.json",
      "events.json.bak",
      "events.json.bak.1",
      "events.json.bak.2",
    ]);
  });

  it("does nothing to an up-to-date file: no backup, no rewrite", async () => {
    const { dir, path, original } = fileWith({ version: 1, events: [makeRecord()] });
    await new JsonFileStorage({ path }).getEvents();
    expect(readFileSync(path, "utf8")).toBe(original);
    expect(readdirSync(dir)).toEqual(["events.json"]);
  });

  it("keeps malformed elements of a version-0 file through the migration", async () => {
    const good = makeRecord();
    const { path } = fileWith([good, { half: "a record" }]);
    const storage = new JsonFileStorage({ path, onWarning: () => {} });
    expect(await storage.getEvents()).toEqual([good]);
    expect(readJson(path)).toEqual({ version: 1, events: [good, { half: "a record" }] });
  });

  describe("with a version-2 migration defined only here", () => {
    // v2 moves a root field and marks each record, to show the chain runs in order.
    const migrations: MigrationRegistry = {
      ...defaultMigrations,
      2: (previous) => {
        const v1 = previous as { version: 1; events: unknown[] };
        return { ...v1, version: 2, migrated_by: "test", events: v1.events };
      },
    };

    it("knows the registry's newest version", () => {
      expect(currentVersion(defaultMigrations)).toBe(1);
      expect(currentVersion(migrations)).toBe(2);
    });

    it("applies 0→1→2 in order from a bare array", async () => {
      const records = [makeRecord()];
      const { path } = fileWith(records);
      const storage = new JsonFileStorage({ path, migrations });
      expect(await storage.getEvents()).toEqual(records);
      expect(readJson(path)).toEqual({ version: 2, migrated_by: "test", events: records });
      await storage.appendEvent(makeRecord());
      expect(readJson(path).version).toBe(2);
    });

    it("applies only 1→2 to a version-1 file, and the default registry then refuses the file", async () => {
      const { path } = fileWith({ version: 1, note: "kept", events: [] });
      await new JsonFileStorage({ path, migrations }).getEvents();
      expect(readJson(path)).toEqual({ version: 2, note: "kept", migrated_by: "test", events: [] });
      const error = await new JsonFileStorage({ path }).getEvents().catch((e: unknown) => e);
      expect(isUnsupportedVersionError(error)).toBe(true);
    });

    it("refuses a migration that produces the wrong shape, leaving the file and no backup", async () => {
      const broken: MigrationRegistry = {
        ...defaultMigrations,
        2: () => ({ version: 2, events: "oops" }),
      };
      const { dir, path, original } = fileWith({ version: 1, events: [] });
      const error = await new JsonFileStorage({ path, migrations: broken })
        .getEvents()
        .catch((e: unknown) => e);
      expect(isCorruptStoreError(error)).toBe(true);
      expect(readFileSync(path, "utf8")).toBe(original);
      expect(existsSync(`${path}.bak`)).toBe(false);
      expect(readdirSync(dir)).toEqual(["events.json"]);
    });
  });
});
