import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { demoRun } from "./demo-store.js";
import { type CliResult, readStore, type StoredRecord } from "./run-cli.js";
import { payloadProblems, SPEC_FIELDS } from "./spec-fields.js";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const AUDIT_LEVEL = new Set(["audit_started", "audit_completed", "audit_abandoned"]);

let storageDir: string;
let demo: CliResult;
let file: { version: unknown; events: StoredRecord[] };
let completed: StoredRecord[];
let abandoned: StoredRecord[];

const ofType = (records: StoredRecord[], type: string) => records.filter((r) => r.type === type);

// The demo ran once for the whole test run (test/global-setup.ts); these tests check that run.
beforeAll(async () => {
  ({ storageDir, result: demo } = demoRun());
  file = await readStore(storageDir);
  const audits = new Map<string, StoredRecord[]>();
  for (const record of file.events) {
    audits.set(record.audit_id, [...(audits.get(record.audit_id) ?? []), record]);
  }
  const all = [...audits.values()];
  completed = all.find((events) => events.some((e) => e.type === "audit_completed")) ?? [];
  abandoned = all.find((events) => events.some((e) => e.type === "audit_abandoned")) ?? [];
});

describe("phaser-events demo", () => {
  it("exits 0 and writes { version: 1, events } to $PHASER_STORAGE_DIR/events.json", () => {
    expect(demo.stderr).toBe("");
    expect(demo.code).toBe(0);
    expect(file.version).toBe(1);
    expect(Object.keys(file).sort()).toEqual(["events", "version"]);
    expect(demo.stdout).toContain(join(storageDir, "events.json"));
  });

  it("emits all twelve event types", () => {
    expect(new Set(file.events.map((e) => e.type))).toEqual(new Set(Object.keys(SPEC_FIELDS)));
  });

  it("writes every record in the wire format, field for field", () => {
    for (const record of file.events) {
      expect(Object.keys(record).sort()).toEqual([
        "audit_id",
        "data",
        "id",
        "phase",
        "timestamp",
        "type",
      ]);
      expect(record.id).toMatch(UUID_V4);
      expect(record.audit_id).toMatch(UUID_V4);
      expect(record.timestamp).toMatch(TIMESTAMP);
      if (AUDIT_LEVEL.has(record.type)) expect(record.phase).toBeNull();
      else expect(Number.isInteger(record.phase) && (record.phase as number) >= 1).toBe(true);
      expect(payloadProblems(record.type, record.data)).toEqual([]);
    }
    expect(new Set(file.events.map((e) => e.id)).size).toBe(file.events.length);
  });

  it("runs exactly two audits: one completed, one abandoned", () => {
    expect(new Set(file.events.map((e) => e.audit_id)).size).toBe(2);
    expect(ofType(completed, "audit_completed")).toHaveLength(1);
    expect(ofType(completed, "audit_abandoned")).toHaveLength(0);
    expect(ofType(abandoned, "audit_abandoned")).toHaveLength(1);
    expect(completed[0]?.type).toBe("audit_started");
    expect(completed.at(-1)?.type).toBe("audit_completed");
    expect(abandoned[0]?.type).toBe("audit_started");
    expect(abandoned.at(-1)?.type).toBe("audit_abandoned");
  });

  it("retries a failed verification until the same command passes", () => {
    const failed = completed.findIndex((e) => e.type === "verification_failed");
    expect(failed).toBeGreaterThan(-1);
    const failure = completed[failed] as StoredRecord;
    expect(failure.data.exit_code).not.toBe(0);
    expect(String(failure.data.output)).toContain("cache was cold");
    const retry = completed
      .slice(failed + 1)
      .find((e) => e.type === "verification_passed" && e.data.command === failure.data.command);
    expect(retry?.phase).toBe(failure.phase);
  });

  it("skips one phase for user_request", () => {
    const skipped = ofType(completed, "phase_skipped");
    expect(skipped.map((e) => e.data)).toEqual([{ reason: "user_request" }]);
  });

  it("counts lines of real file changes with a diff", () => {
    const modified = ofType(completed, "file_modified");
    const byPath = (path: string) =>
      modified.filter((e) => e.data.path === path).map((e) => e.data);
    // src/greet.js: one line replaced by two lines around a blank one.
    expect(byPath("src/greet.js")).toEqual([
      expect.objectContaining({ lines_added: 3, lines_removed: 1 }),
    ]);
    // README.md gains two lines in phase 2 and two more in phase 4.
    expect(byPath("README.md")).toEqual([
      expect.objectContaining({ lines_added: 2, lines_removed: 0 }),
      expect.objectContaining({ lines_added: 2, lines_removed: 0 }),
    ]);
    const config = `${JSON.stringify({ greeting: "Hello", separator: ", ", punctuation: "!" }, null, 2)}\n`;
    expect(ofType(completed, "file_created").map((e) => e.data)).toContainEqual({
      path: "src/config.json",
      size_bytes: Buffer.byteLength(config),
    });
    expect(ofType(completed, "file_deleted").map((e) => e.data)).toEqual([
      { path: "src/legacy-greet.js" },
    ]);
  });

  it("reports counts on phase_completed and audit_completed that match the events", () => {
    for (const done of ofType(completed, "phase_completed")) {
      const inPhase = completed.filter((e) => e.phase === done.phase);
      expect(done.data).toMatchObject({
        files_created: ofType(inPhase, "file_created").length,
        files_modified: ofType(inPhase, "file_modified").length,
        verification_count: inPhase.filter((e) => e.type.startsWith("verification_")).length,
      });
    }
    expect(ofType(completed, "audit_completed")[0]?.data).toMatchObject({
      phases_completed: ofType(completed, "phase_completed").length,
      phases_skipped: 1,
      files_created: ofType(completed, "file_created").length,
      files_modified: ofType(completed, "file_modified").length,
      files_deleted: 1,
    });
  });

  it("abandons the second audit after a phase fails its retries", () => {
    const failed = ofType(abandoned, "phase_failed");
    expect(failed).toHaveLength(1);
    const attempts = ofType(abandoned, "verification_failed").filter(
      (e) => e.phase === failed[0]?.phase,
    );
    expect(failed[0]?.data).toMatchObject({ attempts: attempts.length });
    expect(attempts.length).toBeGreaterThan(1);
    expect(ofType(abandoned, "audit_abandoned")[0]?.data).toEqual({
      reason: "error",
      phases_completed: ofType(abandoned, "phase_completed").length,
      phases_remaining: 1,
    });
  });

  it("prints live progress and replays the completed audit as a timeline", () => {
    expect(demo.stdout).toContain("phase 3 skipped");
    // The audit's last line is its outcome, with the full id to paste into `replay`.
    expect(demo.stdout).toContain(`audit ${abandoned[0]?.audit_id} abandoned  reason error`);
    expect(demo.stdout).toContain(`Replay of audit ${completed[0]?.audit_id}`);
    expect(demo.stdout).toMatch(/\+0\.000s\s+-\s+audit_started/);
    expect(demo.stdout).toContain(`${completed.length} events replayed`);
    expect(demo.stdout).not.toContain("\u001b[");
  });
});
