import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { EventRecord, JsonObject } from "@phaser/events-core";
import { JsonFileStorage } from "@phaser/events-store-json";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyOfDemoStore } from "./demo-store.js";
import { readStore, runCli, type StoredRecord, tempDir } from "./run-cli.js";

let storageDir: string;
let emptyDir: string;
let records: StoredRecord[];

beforeAll(async () => {
  emptyDir = await tempDir();
  // Two demo runs: four audits of the project "greeter", two completed and two abandoned. The
  // second is the first's records again, as new audits a day later (running the demo again
  // would cost as much CPU as eight other CLI runs).
  storageDir = await copyOfDemoStore();
  const store = new JsonFileStorage({ dir: storageDir });
  await store.appendEvents(againADayLater((await readStore(storageDir)).events));
  await store.close();
  records = (await readStore(storageDir)).events;
});

/** `run`'s records with new ids and audit ids, a day later. */
function againADayLater(run: readonly StoredRecord[]): EventRecord[] {
  const audits = new Map(run.map((e) => [e.audit_id, randomUUID()]));
  return run.map((e) => ({
    ...e,
    id: randomUUID(),
    audit_id: audits.get(e.audit_id) as string,
    timestamp: new Date(Date.parse(e.timestamp) + 86_400_000).toISOString(),
    data: e.data as JsonObject,
  }));
}

afterAll(async () => {
  await rm(storageDir, { recursive: true, force: true });
  await rm(emptyDir, { recursive: true, force: true });
});

const ofType = (type: string) => records.filter((e) => e.type === type);

const insightsJson = async (args: string[] = [], dir = storageDir) => {
  const result = await runCli(["insights", "--json", ...args], dir);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout.trimEnd().split("\n")).toHaveLength(1);
  return JSON.parse(result.stdout);
};

describe("phaser-events insights", () => {
  it("--json: audits and phase outcomes match the stored events", async () => {
    const insights = await insightsJson();
    expect([insights.events, insights.audits, insights.since]).toEqual([records.length, 4, null]);
    expect(insights.projects).toHaveLength(1);
    const [greeter] = insights.projects;
    expect(greeter.project).toBe("greeter");
    expect(greeter.audits).toEqual({
      total: ofType("audit_started").length,
      completed: ofType("audit_completed").length,
      abandoned: ofType("audit_abandoned").length,
      in_progress: 0,
    });
    const completed = ofType("phase_completed").length;
    const failed = ofType("phase_failed").length;
    expect(greeter.phases).toEqual({
      completed,
      failed,
      skipped: ofType("phase_skipped").length,
      success_rate: completed / (completed + failed),
    });
  });

  it("--json: durations, failing commands, changed files and retries match the stored events", async () => {
    const [greeter] = (await insightsJson()).projects;
    const durations = [...ofType("phase_completed"), ...ofType("phase_failed")]
      .map((e) => e.data.duration_seconds as number)
      .sort((a, b) => a - b);
    expect(greeter.phase_duration_seconds.count).toBe(durations.length);
    // The mean is reported to the thousandth; toBeCloseTo(…, 3) failed when it rounded up.
    expect(greeter.phase_duration_seconds.mean).toBe(
      thousandths(durations.reduce((a, b) => a + b, 0) / durations.length),
    );
    expect(greeter.phase_duration_seconds.p95).toBe(
      durations[Math.ceil(0.95 * durations.length) - 1],
    );

    const failures = new Map<string, number>();
    for (const e of ofType("verification_failed")) {
      const command = e.data.command as string;
      failures.set(command, (failures.get(command) ?? 0) + 1);
    }
    const commandCounts = greeter.failing_commands.map(
      (c: { command: string; failures: number }) => [c.command, c.failures],
    );
    expect(new Map(commandCounts)).toEqual(failures);
    // The cache check passes on its retry every time (flaky); the certificate check never does.
    const flaky = greeter.failing_commands.map((c: { command: string; flaky: number }) => [
      c.command,
      c.flaky,
    ]);
    expect(new Map(flaky)).toEqual(
      new Map([
        ["node .audit/checks/certificate.js", 0],
        ["node .audit/checks/warm-cache.js", failures.get("node .audit/checks/warm-cache.js")],
      ]),
    );

    const files = records.filter((e) => e.type.startsWith("file_"));
    const top = greeter.changed_files[0];
    const ofTop = files.filter((e) => e.data.path === top.path);
    expect(top.changes).toBe(ofTop.length);
    expect(top.lines_added).toBe(
      ofTop.reduce((n, e) => n + ((e.data.lines_added as number) ?? 0), 0),
    );
    for (const file of greeter.changed_files) {
      expect(file.changes).toBeLessThanOrEqual(top.changes);
      expect(file.changes).toBe(files.filter((e) => e.data.path === file.path).length);
    }

    // Each audit+phase that ended: failed verifications (completed) or attempts − 1 (failed).
    const phaseFailed = ofType("phase_failed")[0] as StoredRecord;
    const retries = [
      ...ofType("phase_completed").map(
        (p) =>
          ofType("verification_failed").filter(
            (v) => v.audit_id === p.audit_id && v.phase === p.phase,
          ).length,
      ),
      ...ofType("phase_failed").map((p) => (p.data.attempts as number) - 1),
    ];
    expect(greeter.retries.phases).toBe(retries.length);
    expect(greeter.retries.mean).toBe(
      thousandths(retries.reduce((a, b) => a + b, 0) / retries.length),
    );
    expect(greeter.retries.max).toMatchObject({
      retries: Math.max(...retries),
      audit_id: phaseFailed.audit_id,
      phase: phaseFailed.phase,
      description: "Serve over HTTPS",
    });
  });

  it("prints a readable report with a heading per project", async () => {
    const result = await runCli(["insights"], storageDir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Insights: 4 audits, ${records.length} events, all time`);
    expect(result.stdout).toMatch(/^greeter$/m);
    expect(result.stdout).toMatch(/Audits\s+4: 2 completed, 2 abandoned, 0 in progress/);
    expect(result.stdout).toMatch(/Phases\s+80\.0% success · 8 completed, 2 failed, 4 skipped/);
    expect(result.stdout).toContain("Most-failing verification commands");
    expect(result.stdout).toMatch(
      /2× {2}node \.audit\/checks\/warm-cache\.js {2}\(flaky: passed on retry\)\n/,
    );
    expect(result.stdout).toMatch(/6× {2}node \.audit\/checks\/certificate\.js\n/);
    expect(result.stdout).toContain("Most-changed files");
  });

  it("--since keeps later events, and their audits' projects", async () => {
    const secondRun = ofType("audit_started")[2] as StoredRecord;
    const later = records.filter((e) => e.timestamp >= secondRun.timestamp);
    const insights = await insightsJson(["--since", secondRun.timestamp]);
    expect(insights.events).toBe(later.length);
    expect(insights.audits).toBe(2);
    expect(insights.projects.map((p: { project: string }) => p.project)).toEqual(["greeter"]);
    const future = await insightsJson(["--since", "2999-01-01"]);
    expect(future).toMatchObject({ events: 0, audits: 0, projects: [] });
  });

  it("says so, with exit code 0, for an empty store", async () => {
    const result = await runCli(["insights"], emptyDir);
    expect(result).toEqual({
      code: 0,
      stdout: `No events in ${join(emptyDir, "events.json")}: nothing to summarize.\n`,
      stderr: "",
    });
    expect(await insightsJson([], emptyDir)).toEqual({
      since: null,
      events: 0,
      audits: 0,
      projects: [],
    });
  });

  it("rejects a bad --since with exit code 2", async () => {
    const result = await runCli(["insights", "--since", "last tuesday"], storageDir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'last tuesday' is invalid");
  });
});

/** `value` to the thousandth, as insights reports means. */
function thousandths(value: number): number {
  return Math.round(value * 1000) / 1000;
}
