import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readStore, runCli, tempDirsRemovedAfterAll } from "./run-cli.js";
import { recordAt, writeEventsFile } from "./store-fixtures.js";

const freshDir = tempDirsRemovedAfterAll();

describe("phaser-events migrate", () => {
  it("migrates a version-0 file to version 1 after a backup, and says from, to and where", async () => {
    const dir = await freshDir();
    const records = [recordAt("2025-01-01T00:00:00.000Z"), recordAt("2025-01-02T00:00:00.000Z")];
    const original = JSON.stringify(records);
    const path = await writeEventsFile(dir, original);
    const result = await runCli(["migrate"], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      `migrated ${path} from version 0 to 1; the original is kept in ${path}.bak\n`,
    );
    expect(await readStore(dir)).toEqual({ version: 1, events: records });
    expect(await readFile(`${path}.bak`, "utf8")).toBe(original);

    const again = await runCli(["migrate", "--json"], dir);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ path, from: 1, to: 1, backup: null });
    expect(await readdir(dir)).toHaveLength(2);
  });

  it("--json gives one object {path, from, to, backup}", async () => {
    const dir = await freshDir();
    const path = await writeEventsFile(dir, "[]"); // an empty version-0 file
    const result = await runCli(["migrate", "--json"], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ path, from: 0, to: 1, backup: `${path}.bak` });
  });

  it("says so when the file is current, or when there is none (exit 0)", async () => {
    const dir = await freshDir();
    const path = join(dir, "events.json");
    const none = await runCli(["migrate"], dir);
    expect(none).toMatchObject({
      code: 0,
      stdout: `${path} does not exist yet: nothing to migrate\n`,
    });
    expect(existsSync(path)).toBe(false);
    await writeEventsFile(dir, JSON.stringify({ version: 1, events: [] }));
    const current = await runCli(["migrate"], dir);
    expect(current).toMatchObject({
      code: 0,
      stdout: `${path} is already at version 1: nothing to migrate\n`,
    });
  });

  it("fails with the store's error (exit 1) on a corrupt or newer file, leaving it alone", async () => {
    for (const text of ["[{", JSON.stringify({ version: 7, events: [] })]) {
      const dir = await freshDir();
      await writeEventsFile(dir, text);
      const result = await runCli(["migrate"], dir);
      expect(result.code, text).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^phaser-events: Refusing events file .*events\.json: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(await readFile(join(dir, "events.json"), "utf8")).toBe(text);
      expect(await readdir(dir)).toEqual(["events.json"]);
    }
  });
});

describe("phaser-events clear", () => {
  const old = recordAt("2025-01-01T00:00:00.000Z");
  const edge = recordAt("2025-02-01T00:00:00.000Z");
  const recent = recordAt("2025-03-01T00:00:00.000Z");
  const file = JSON.stringify({ version: 1, events: [old, edge, recent] });

  it("without --yes changes nothing, says how many would go and that --yes is needed (exit 2)", async () => {
    const dir = await freshDir();
    const path = await writeEventsFile(dir, file);
    const result = await runCli(["clear", "--before", "2025-02-01"], dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `phaser-events: would remove 1 event before 2025-02-01T00:00:00.000Z from ${path}; nothing was changed: add --yes to remove them\n`,
    );
    const json = await runCli(["clear", "--before", "2025-02-01T00:00:00.001Z", "--json"], dir);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({
      removed: 0,
      wouldRemove: 2,
      before: "2025-02-01T00:00:00.001Z",
    });
    expect(await readFile(path, "utf8")).toBe(file);
  });

  it("refuses without --before (exit 2), even with --yes", async () => {
    const dir = await freshDir();
    const path = await writeEventsFile(dir, file);
    const result = await runCli(["clear", "--yes"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("clear needs --before DATE");
    expect(await readFile(path, "utf8")).toBe(file);
    const bad = await runCli(["clear", "--before", "yesterday", "--yes"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("'yesterday' is invalid");
  });

  it("with --yes removes the events strictly before the date and says how many", async () => {
    const dir = await freshDir();
    const path = await writeEventsFile(dir, file);
    const result = await runCli(["clear", "--before", "2025-02-01", "--yes"], dir);
    expect(result).toMatchObject({
      code: 0,
      stdout: `removed 1 event before 2025-02-01T00:00:00.000Z from ${path}\n`,
    });
    expect((await readStore(dir)).events).toEqual([edge, recent]);
    const json = await runCli(["clear", "--before", "2025-12-31", "--yes", "--json"], dir);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ removed: 2, before: "2025-12-31T00:00:00.000Z" });
    expect((await readStore(dir)).events).toEqual([]);
  });

  it("takes a relative date: 30d keeps what is newer", async () => {
    const dir = await freshDir();
    const now = recordAt(new Date().toISOString());
    await writeEventsFile(dir, JSON.stringify({ version: 1, events: [old, now] }));
    const result = await runCli(["clear", "--before", "30d", "--yes", "--json"], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).removed).toBe(1);
    expect((await readStore(dir)).events).toEqual([now]);
  });

  it("fails with exit 1 when the store refuses its file", async () => {
    const dir = await freshDir();
    await writeEventsFile(dir, "{ not json");
    const result = await runCli(["clear", "--before", "1d", "--yes"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^phaser-events: Refusing events file/);
  });
});
