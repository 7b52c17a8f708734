import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { makeRecord } from "@phaser/events-storage-testkit";
import { afterAll, describe, expect, it } from "vitest";
import { inspectJsonStore, JsonFileStorage } from "../src/index.js";
import { removeTempDirs, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

function fileWith(text: string): { dir: string; path: string } {
  const dir = tempDir();
  const path = join(dir, "events.json");
  writeFileSync(path, text);
  return { dir, path };
}

const codes = (report: { problems: readonly { code: string }[] }) =>
  report.problems.map((problem) => problem.code);

describe("inspectJsonStore", () => {
  it("reports a missing file as an empty, healthy store", async () => {
    const path = join(tempDir(), "events.json");
    const report = await inspectJsonStore(path);
    expect(report).toMatchObject({
      path,
      exists: false,
      sizeBytes: null,
      version: null,
      currentVersion: 1,
      needsMigration: false,
      events: 0,
      audits: 0,
      openAudits: [],
      byType: {},
      malformed: { count: 0, first: [] },
      backups: [],
      tempFiles: [],
      lock: { path: `${path}.lock`, state: "free", ageMs: null },
      refused: null,
      problems: [],
      healthy: true,
    });
  });

  it("counts events, audits and types of a healthy file", async () => {
    const records = [
      makeRecord({ type: "audit_started", audit_id: "a1" }),
      makeRecord({ type: "phase_started", audit_id: "a1" }),
      makeRecord({ type: "phase_started", audit_id: "a2" }),
      makeRecord({ type: "future_type", audit_id: "a2" }),
    ];
    const text = JSON.stringify({ version: 1, events: records });
    const { path } = fileWith(text);
    const report = await inspectJsonStore(path);
    expect(report).toMatchObject({ exists: true, sizeBytes: text.length, version: 1 });
    expect(report.events).toBe(4);
    expect(report.audits).toBe(2);
    expect(report.byType).toEqual({ audit_started: 1, phase_started: 2, future_type: 1 });
    expect(report.healthy).toBe(true);
  });

  it("lists the audits with no end event, oldest last event first", async () => {
    const at = (type: string, audit_id: string, timestamp: string) =>
      makeRecord({ type, audit_id, timestamp });
    const records = [
      at("audit_started", "late", "2025-01-01T00:00:00.000Z"),
      at("phase_started", "late", "2025-01-01T00:09:00.000Z"),
      at("audit_started", "done", "2025-01-01T00:01:00.000Z"),
      at("audit_completed", "done", "2025-01-01T00:02:00.000Z"),
      at("audit_started", "early", "2025-01-01T00:03:00.000Z"),
    ];
    const { path } = fileWith(JSON.stringify(records));
    const report = await inspectJsonStore(path);
    expect(report.openAudits.map((a) => [a.auditId, a.lastTimestamp, a.outcome])).toEqual([
      ["early", "2025-01-01T00:03:00.000Z", null],
      ["late", "2025-01-01T00:09:00.000Z", null],
    ]);
    expect(report.audits).toBe(3);
  });

  it("lists malformed records with their index and problem, and is unhealthy", async () => {
    const good = makeRecord();
    const bad = { ...makeRecord(), phase: "three" };
    const { path } = fileWith(JSON.stringify({ version: 1, events: [good, 42, bad] }));
    const report = await inspectJsonStore(path, { maxMalformed: 1 });
    expect(report.events).toBe(1);
    expect(report.malformed.count).toBe(2);
    expect(report.malformed.first).toEqual([{ index: 1, message: expect.any(String) }]);
    expect(codes(report)).toEqual(["MALFORMED_RECORDS"]);
    expect(report.healthy).toBe(false);
    const all = await inspectJsonStore(path);
    expect(all.malformed.first.map((m) => m.index)).toEqual([1, 2]);
    expect(all.malformed.first[1]?.message).toContain("phase");
  });

  it("reports a corrupt file with the store's refusal instead of throwing, and leaves it as it was", async () => {
    const text = '{"version": 1, "events": [}';
    const { path } = fileWith(text);
    const report = await inspectJsonStore(path);
    expect(report.refused?.code).toBe("CORRUPT_STORE");
    expect(report.refused?.message).toContain(path);
    expect(report.refused?.message).toContain("invalid JSON");
    expect(report.version).toBeNull();
    expect(codes(report)).toEqual(["REFUSED"]);
    expect(report.healthy).toBe(false);
    expect(readFileSync(path, "utf8")).toBe(text);
  });

  it("reports a newer version as refused, naming the versions", async () => {
    const { path } = fileWith(JSON.stringify({ version: 9, events: [] }));
    const report = await inspectJsonStore(path);
    expect(report.refused?.code).toBe("UNSUPPORTED_VERSION");
    expect(report.refused?.message).toMatch(/version 9.*up to 1/);
    expect(report.version).toBe(9);
    expect(report.needsMigration).toBe(false);
    expect(report.healthy).toBe(false);
  });

  it("reads an older file in memory only: no migration, no backup", async () => {
    const records = [makeRecord(), makeRecord()];
    const text = JSON.stringify(records);
    const { dir, path } = fileWith(text);
    const report = await inspectJsonStore(path);
    expect(report).toMatchObject({ version: 0, needsMigration: true, events: 2, healthy: true });
    expect(readFileSync(path, "utf8")).toBe(text);
    expect(readdirSync(dir)).toEqual(["events.json"]);
  });

  it("lists the backups migrations made, .bak before .bak.1, with size and date", async () => {
    const { path } = fileWith(JSON.stringify([makeRecord()]));
    await new JsonFileStorage({ path }).getEvents(); // migrates: events.json.bak
    writeFileSync(path, JSON.stringify([makeRecord(), makeRecord()]));
    await new JsonFileStorage({ path }).getEvents(); // events.json.bak.1
    const report = await inspectJsonStore(path);
    expect(report.version).toBe(1);
    expect(report.backups.map((b) => b.path)).toEqual([`${path}.bak`, `${path}.bak.1`]);
    expect(report.backups[0]?.sizeBytes).toBe(readFileSync(`${path}.bak`).length);
    expect(Date.parse(report.backups[0]?.modifiedAt ?? "")).not.toBeNaN();
  });

  it("judges the lock by its holder: live, stale (dead), unknown (another host), legacy", async () => {
    const { path } = fileWith(JSON.stringify({ version: 1, events: [] }));
    const lock = (owner: Record<string, unknown>) =>
      writeFileSync(`${path}.lock`, JSON.stringify({ token: "t", since: "", ...owner }));
    const here = {
      host: hostname(),
      boot: readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim(),
    };

    lock({ ...here, pid: process.pid, start: null });
    const live = await inspectJsonStore(path);
    expect(live.lock).toMatchObject({ state: "live", holder: { pid: process.pid } });
    expect(live.lock.ageMs).toBeLessThan(60_000);
    expect(live.problems).toEqual([]);

    const gone = spawnSync(process.execPath, ["-e", ""]).pid as number;
    lock({ ...here, pid: gone, start: null });
    const stale = await inspectJsonStore(path);
    expect(stale.lock.state).toBe("stale");
    expect(codes(stale)).toEqual(["STALE_LOCK"]);
    expect(stale.healthy).toBe(true);

    lock({ ...here, pid: process.pid, start: "not this process's start time" });
    expect((await inspectJsonStore(path)).lock.state).toBe("stale"); // the pid was reused

    lock({ host: "another-host", boot: null, pid: process.pid, start: null });
    const remote = await inspectJsonStore(path);
    expect(remote.lock.state).toBe("unknown");
    expect(codes(remote)).toEqual(["UNJUDGED_LOCK"]);

    rmSync(`${path}.lock`);
    mkdirSync(`${path}.lock`);
    expect((await inspectJsonStore(path)).lock.state).toBe("legacy");
  });

  it("reports a torn tail as a warning, counting the complete records before it", async () => {
    const path = join(tempDir(), "events.json");
    const storage = new JsonFileStorage({ path });
    await storage.appendEvents([makeRecord(), makeRecord()]);
    const whole = readFileSync(path, "utf8");
    const torn = `${whole.slice(0, whole.lastIndexOf("\n  ]"))},\n    {"id":"cut sh`;
    writeFileSync(path, torn);
    const report = await inspectJsonStore(path);
    expect(report.events).toBe(2);
    expect(codes(report)).toEqual(["TORN_TAIL"]);
    expect(report.tornTail?.atByte).toBe(whole.lastIndexOf("\n  ]"));
    expect(report.healthy).toBe(true);
    expect(readFileSync(path, "utf8")).toBe(torn);
  });

  it("warns about temp files writers left", async () => {
    const { dir, path } = fileWith(JSON.stringify({ version: 1, events: [] }));
    writeFileSync(join(dir, ".events.json.999999.abc.tmp"), "{");
    const report = await inspectJsonStore(path);
    expect(report.tempFiles.map((f) => f.path)).toEqual([join(dir, ".events.json.999999.abc.tmp")]);
    expect(codes(report)).toEqual(["TEMP_FILES"]);
    expect(report.healthy).toBe(true);
  });
});
