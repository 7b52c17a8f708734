import { describe, expect, it } from "vitest";
import { buildAuditSummary } from "../src/build-audit-summary.js";
import { recordMaker } from "./fixtures/records.js";

const AUDIT = "11111111-1111-4111-8111-111111111111";
const OTHER = "22222222-2222-4222-8222-222222222222";

function sampleRecords() {
  const make = recordMaker();
  const run = (phase: number, type: string, command: string, exit: number, output?: string) =>
    make(type, AUDIT, phase, {
      command,
      exit_code: exit,
      duration_ms: 100,
      ...(output === undefined ? {} : { output }),
    });
  return [
    make("audit_started", AUDIT, null, { project: "shop", slug: "cart", phases_total: 3 }),
    make("phase_started", AUDIT, 1, { description: "Write", file: "01.md" }),
    make("file_modified", AUDIT, 1, {
      path: "README.md",
      size_bytes: 20,
      lines_added: 2,
      lines_removed: 1,
    }),
    make("file_created", AUDIT, 1, { path: "new.txt", size_bytes: 4 }),
    make("audit_started", OTHER, null, { project: "elsewhere" }),
    run(1, "verification_passed", "build", 0),
    run(1, "verification_failed", "test", 1, "first"),
    run(1, "verification_passed", "build", 0),
    run(1, "verification_passed", "test", 0),
    make("phase_completed", AUDIT, 1, { duration_seconds: 5 }),
    make("phase_started", AUDIT, 2, { description: "Lint" }),
    make("file_deleted", AUDIT, 2, { path: "old.txt" }),
    run(2, "verification_failed", "lint", 3, "one"),
    run(2, "verification_failed", "lint", 3, "two"),
    make("phase_failed", AUDIT, 2, { error: "verification failed", attempts: 2 }),
    make("phase_skipped", AUDIT, 3, { reason: "dependency_failed" }),
    make("audit_abandoned", AUDIT, null, { reason: "error" }),
  ];
}

describe("buildAuditSummary", () => {
  const summary = buildAuditSummary(sampleRecords().reverse(), AUDIT);

  it("gives each phase its status, attempts and checks, grouped as verificationChecks groups", () => {
    expect(summary?.row.outcome).toBe("failed");
    expect(
      summary?.phases.map((p) => [p.phase, p.title, p.status, p.flaky, p.attempts, p.durationMs]),
    ).toEqual([
      [1, "Write", "completed", true, 2, 8000],
      [2, "Lint", "failed", false, 2, 4000],
      [3, null, "skipped", false, 0, null],
    ]);
    expect(
      summary?.phases[0]?.checks.map((c) => [c.command, c.result, c.runs.map((r) => r.status)]),
    ).toEqual([
      ["build", "passed", ["passed", "passed"]],
      ["test", "flaky", ["failed", "passed"]],
    ]);
    expect(summary?.phases[1]?.error).toBe("verification failed");
    expect(summary?.phases[2]?.skipReason).toBe("dependency_failed");
  });

  it("lists failing checks with their last run, and flaky checks", () => {
    expect(
      summary?.failingChecks.map((c) => [c.phase, c.command, c.last.output, c.last.exitCode]),
    ).toEqual([[2, "lint", "two", 3]]);
    expect(summary?.flakyChecks.map((c) => [c.phase, c.command, c.runs.length])).toEqual([
      [1, "test", 2],
    ]);
  });

  it("lists the files changed, phase by phase, with line counts where recorded", () => {
    expect(summary?.files).toEqual([
      {
        phase: 1,
        path: "new.txt",
        change: "created",
        linesAdded: null,
        linesRemoved: null,
        sizeBytes: 4,
      },
      {
        phase: 1,
        path: "README.md",
        change: "modified",
        linesAdded: 2,
        linesRemoved: 1,
        sizeBytes: 20,
      },
      {
        phase: 2,
        path: "old.txt",
        change: "deleted",
        linesAdded: null,
        linesRemoved: null,
        sizeBytes: null,
      },
    ]);
  });

  it("is undefined for an audit without records", () => {
    expect(buildAuditSummary(sampleRecords(), "33333333-3333-4333-8333-333333333333")).toBe(
      undefined,
    );
  });
});
