import { mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { StoreReport } from "@phaser/events-store-json";
import { describe, expect, it } from "vitest";
import { copyOfDemoStore } from "./demo-store.js";
import { readStore, runCli, tempDirsRemovedAfterAll } from "./run-cli.js";
import { leaveStaleLock, recordAt, writeEventsFile } from "./store-fixtures.js";

const freshDir = tempDirsRemovedAfterAll();

async function doctorJson(dir: string): Promise<{ code: number | null; report: StoreReport }> {
  const result = await runCli(["doctor", "--json"], dir);
  expect(result.stdout.trimEnd().split("\n"), result.stderr).toHaveLength(1);
  return { code: result.code, report: JSON.parse(result.stdout) };
}

describe("phaser-events doctor", () => {
  it("finds nothing wrong with a store that has no file yet", async () => {
    const dir = await freshDir();
    const result = await runCli(["doctor"], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`store     ${join(dir, "events.json")}`);
    expect(result.stdout).toContain("does not exist yet");
    expect(result.stdout).toMatch(/✓ healthy\n$/);
  });

  it("reports a healthy store: version, counts per type, no backups, a free lock (exit 0)", async () => {
    const dir = await copyOfDemoStore(await freshDir());
    const result = await runCli(["doctor"], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("version   1 (current)");
    const stored = (await readStore(dir)).events;
    const failed = stored.filter((e) => e.type === "phase_failed").length;
    expect(result.stdout).toMatch(new RegExp(`events {4}${stored.length} events in 2 audits`));
    expect(result.stdout).toMatch(/ {12}audit_started {8}2\n/);
    expect(result.stdout).toContain("malformed none");
    expect(result.stdout).toContain("backups   none");
    expect(result.stdout).toContain("lock      free");
    const { code, report } = await doctorJson(dir);
    expect(code).toBe(0);
    expect(report).toMatchObject({
      path: join(dir, "events.json"),
      exists: true,
      version: 1,
      currentVersion: 1,
      events: stored.length,
      audits: 2,
      healthy: true,
      problems: [],
    });
    expect(report.byType.phase_failed).toBe(failed);
  });

  it("reports a corrupt file as a problem (exit 1), with the store's reason, and leaves it alone", async () => {
    const dir = await freshDir();
    await writeEventsFile(dir, '{"version": 1, "events": [}');
    const result = await runCli(["doctor"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(
      /✗ problem {2}Refusing events file .*: invalid JSON at position 26/,
    );
    expect(result.stdout).toMatch(/✗ 1 problem found\n$/);
    const { code, report } = await doctorJson(dir);
    expect(code).toBe(1);
    expect(report.refused?.code).toBe("CORRUPT_STORE");
    expect(report.healthy).toBe(false);
    expect(await readFile(join(dir, "events.json"), "utf8")).toBe('{"version": 1, "events": [}');
  });

  it("reports a file of a newer version as a problem (exit 1)", async () => {
    const dir = await freshDir();
    await writeEventsFile(dir, JSON.stringify({ version: 7, events: [] }));
    const result = await runCli(["doctor"], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("version   7, newer than this CLI reads (up to 1)");
  });

  it("lists malformed records with their positions and problems (exit 1)", async () => {
    const dir = await freshDir();
    const good = recordAt("2025-01-01T00:00:00.000Z");
    const events = [good, { ...good, phase: "two" }, 42];
    await writeEventsFile(dir, JSON.stringify({ version: 1, events }));
    const result = await runCli(["doctor"], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("malformed 2 records skipped:");
    expect(result.stdout).toMatch(/index 1: record 1: phase: /);
    // Other commands skip those records with a warning in the CLI's own voice.
    const listed = await runCli(["list", "--json"], dir);
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim()).toBe(JSON.stringify(good));
    expect(listed.stderr).toMatch(/^phaser-events: warning: .*events\.json: skipping record 1: /m);
    expect(listed.stderr).not.toContain("[phaser-events]");
    expect(result.stdout).toContain("index 2: record 2:");
    const { report } = await doctorJson(dir);
    expect(report.events).toBe(1);
    expect(report.malformed.count).toBe(2);
    expect(report.malformed.first.map((m) => m.index)).toEqual([1, 2]);
  });

  it("changes nothing: an older file with an open audit, a malformed record and a stale lock stays as it was", async () => {
    const dir = await freshDir();
    const started = recordAt("2025-01-01T00:00:00.000Z", "never-ended");
    const text = JSON.stringify([started, { ...started, phase: "two" }]);
    await writeEventsFile(dir, text);
    await leaveStaleLock(dir, 120_000);
    const lock = await readFile(join(dir, "events.json.lock"), "utf8");
    const result = await runCli(["doctor"], dir);
    expect(result.stdout).toMatch(/version {3}0, older/);
    expect(result.stdout).toContain(`audit ${started.audit_id}`);
    expect(result.stdout).toMatch(/lock {6}stale/);
    // The store's own reading would warn about the malformed record on stderr, and migrate.
    expect(result.stderr).toBe("");
    const { report } = await doctorJson(dir);
    expect(report.openAudits).toMatchObject([{ auditId: started.audit_id, outcome: null }]);
    expect(await readFile(join(dir, "events.json"), "utf8")).toBe(text);
    expect(await readFile(join(dir, "events.json.lock"), "utf8")).toBe(lock);
    expect((await readdir(dir)).sort()).toEqual(["events.json", "events.json.lock"]);
  });

  it("lists backups and tells a stale lock apart, as a warning only (exit 0)", async () => {
    const dir = await freshDir();
    await writeEventsFile(dir, JSON.stringify([recordAt("2025-01-01T00:00:00.000Z")]));
    expect((await runCli(["migrate"], dir)).code).toBe(0);
    await leaveStaleLock(dir, 120_000);
    const result = await runCli(["doctor"], dir);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(
      /backups {3}1 file\n {12}\S+events\.json\.bak {2}\d+ B {2}\S+Z\n/,
    );
    expect(result.stdout).toMatch(
      /lock {6}stale: held by process \d+ on \S+, which is no longer running/,
    );
    expect(result.stdout).toMatch(
      /! warning {2}.*events\.json\.lock names process \d+, which is no longer running/,
    );
    expect(result.stdout).toMatch(/✓ healthy\n$/);
    const { report } = await doctorJson(dir);
    expect(report.backups).toEqual([
      {
        path: join(dir, "events.json.bak"),
        sizeBytes: expect.any(Number),
        modifiedAt: expect.any(String),
      },
    ]);
    expect(report.lock).toMatchObject({ state: "stale", holder: { pid: expect.any(Number) } });
    expect(report.lock.ageMs).toBeGreaterThanOrEqual(120_000);
    expect((await readdir(dir)).sort()).toEqual([
      "events.json",
      "events.json.bak",
      "events.json.lock",
    ]);
  });
});

describe("phaser-events doctor on a store folder no command can use", () => {
  it("a file given as the store folder: a problem saying so (exit 1)", async () => {
    const dir = await freshDir();
    const file = join(dir, "events.json");
    await writeFile(file, JSON.stringify({ version: 1, events: [] }));
    const result = await runCli(["doctor", "--store", file], dir);
    expect([result.code, result.stderr]).toEqual([1, ""]);
    expect(result.stdout).toBe(
      [
        `store     ${join(file, "events.json")}`,
        "folder    not usable (see the problem below)",
        "",
        `✗ problem  the store folder ${file} is a file, not a folder; point --store or PHASER_STORAGE_DIR at a folder`,
        "✗ 1 problem found",
        "",
      ].join("\n"),
    );
  });

  it("a symlink loop: unhealthy in --json too", async () => {
    const dir = await freshDir();
    await symlink(join(dir, "loop"), join(dir, "loop"));
    const result = await runCli(["doctor", "--json", "--store", join(dir, "loop")], dir);
    expect([result.code, result.stderr]).toEqual([1, ""]);
    expect(JSON.parse(result.stdout)).toEqual({
      path: join(dir, "loop", "events.json"),
      healthy: false,
      problems: [
        {
          code: "UNUSABLE_FOLDER",
          severity: "error",
          message: `the store folder ${join(dir, "loop")} is a symlink loop (it points to ${join(dir, "loop")})`,
        },
      ],
    });
  });

  it("a directory where the events file should be: not called an empty store", async () => {
    const dir = await freshDir();
    await mkdir(join(dir, "events.json"));
    const result = await runCli(["doctor"], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "file      not a file the store can use (see the problem below)",
    );
    expect(result.stdout).toMatch(/✗ problem {2}Refusing events file .*: it is a directory/);
    expect(result.stdout).not.toContain("does not exist yet");
  });
});
