import type { EventRecord } from "@phaser/events-core";
import { describe, expect, it } from "vitest";
import { auditRows, buildAuditTimeline } from "../src/index.js";
import { auditRecords, failedRun, passedRun, started } from "./fixtures/audit-records.js";

const A = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const B = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";

/**
 * Audit A: phase 1 passes at once; phase 2 fails lint, retries, passes
 * (flaky); phase 3 fails npm test three times and fails; then abandoned.
 */
function failedAudit(): EventRecord[] {
  const at = auditRecords(A);
  return [
    at(0, "audit_started", null, started("shop", "v1-cart", 4)),
    at(1, "phase_started", 1, { description: "Cart", file: "01.md" }),
    at(2, "file_created", 1, { path: "src/cart.ts", size_bytes: 120 }),
    at(3, "verification_passed", 1, passedRun("npm test", 400)),
    at(4, "phase_completed", 1, { duration_seconds: 3 }),
    at(10, "phase_started", 2, { description: "Totals", file: "02.md" }),
    at(11, "file_modified", 2, {
      path: "src/cart.ts",
      size_bytes: 150,
      lines_added: 5,
      lines_removed: 1,
    }),
    at(12, "verification_failed", 2, failedRun("npm run lint", 1500, "2 problems")),
    at(14, "file_deleted", 2, { path: "src/old.ts" }),
    at(15, "verification_passed", 2, passedRun("npm run lint")),
    at(16, "verification_passed", 2, passedRun("npm test")),
    at(17, "phase_completed", 2, { duration_seconds: 7 }),
    at(20, "phase_started", 3, { description: "Pay", file: "03.md" }),
    at(21, "verification_failed", 3, failedRun("npm test")),
    at(22, "verification_failed", 3, failedRun("npm test")),
    at(23, "verification_failed", 3, failedRun("npm test")),
    at(24, "phase_failed", 3, { error: "npm test failed", attempts: 3, duration_seconds: 4 }),
    at(25, "audit_abandoned", null, { reason: "error" }),
  ];
}

const timelineOf = (records: readonly EventRecord[], auditId = A) => {
  const timeline = buildAuditTimeline(records, auditId);
  if (timeline === undefined) throw new Error("no timeline");
  return timeline;
};

describe("buildAuditTimeline", () => {
  it("gives the audit's row and its phases in order, with their titles, times and statuses", () => {
    const records = failedAudit();
    const timeline = timelineOf(records);
    expect(timeline.row).toEqual(auditRows(records)[0]);
    expect(timeline.row).toMatchObject({ outcome: "failed", phasesDone: 2, failingChecks: 1 });
    expect(
      timeline.phases.map((p) => [p.phase, p.title, p.file, p.status, p.flaky, p.durationMs]),
    ).toEqual([
      [1, "Cart", "01.md", "completed", false, 3000],
      [2, "Totals", "02.md", "completed", true, 7000],
      [3, "Pay", "03.md", "failed", false, 4000],
    ]);
    const [, , pay] = timeline.phases;
    expect([pay?.startedAt, pay?.endedAt]).toEqual([
      records[12]?.timestamp,
      records[16]?.timestamp,
    ]);
    expect([pay?.error, pay?.skipReason]).toEqual(["npm test failed", null]);
  });

  it("lists attempts in time order, numbered per command, starting duration_ms before they end", () => {
    const records = failedAudit();
    const [, totals, pay] = timelineOf(records).phases;
    expect(totals?.attempts.map((a) => [a.command, a.attempt, a.status])).toEqual([
      ["npm run lint", 1, "failed"],
      ["npm run lint", 2, "passed"],
      ["npm test", 1, "passed"],
    ]);
    expect(pay?.attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    expect(totals?.attempts[0]).toEqual({
      id: records[7]?.id,
      command: "npm run lint",
      attempt: 1,
      status: "failed",
      startedAt: "2025-12-05T10:00:10.500Z",
      endedAt: "2025-12-05T10:00:12.000Z",
      durationMs: 1500,
      exitCode: 1,
      output: "2 problems",
    });
    expect(totals?.attempts[1]).toMatchObject({ exitCode: 0, output: null });
  });

  it("lists each phase's files and the ids of all its records", () => {
    const records = failedAudit();
    const [cart, totals] = timelineOf(records).phases;
    expect(cart?.files).toEqual({
      created: [{ path: "src/cart.ts", sizeBytes: 120 }],
      modified: [],
      deleted: [],
    });
    expect(totals?.files).toEqual({
      created: [],
      modified: [{ path: "src/cart.ts", sizeBytes: 150, linesAdded: 5, linesRemoved: 1 }],
      deleted: [{ path: "src/old.ts" }],
    });
    expect(totals?.eventIds).toEqual(records.slice(5, 12).map((r) => r.id));
  });

  it("opens at the failed phase's last failed attempt, not at an earlier one a retry cleared", () => {
    const records = failedAudit();
    expect(timelineOf(records).firstFailure).toEqual({
      phase: 3,
      attempt: 3,
      id: records[15]?.id,
    });
    // Without the failed phase, the earliest failed attempt: the one a retry cleared.
    expect(timelineOf(records.slice(0, 14)).firstFailure).toEqual({
      phase: 2,
      attempt: 1,
      id: records[7]?.id,
    });
  });

  it("opens at a failed phase none of whose attempts failed, and nowhere when nothing failed", () => {
    const at = auditRecords(A);
    const failed = at(5, "phase_failed", 2, { error: "Interrupted while running: npm test" });
    const records = [
      at(0, "phase_started", 1),
      at(1, "phase_completed", 1),
      at(2, "phase_started", 2),
      failed,
      at(6, "verification_failed", 3, failedRun("npm test")),
    ];
    expect(timelineOf(records).firstFailure).toEqual({ phase: 2, attempt: null, id: failed.id });
    expect(timelineOf(records.slice(0, 3)).firstFailure).toBeNull();
    // A phase_failed that a later phase_completed replaced is no failed phase.
    const rerun = [...records.slice(0, 4), at(7, "phase_completed", 2)];
    expect(timelineOf(rerun).firstFailure).toBeNull();
    expect(timelineOf(rerun).phases[1]?.status).toBe("completed");
  });

  it("shows an audit in progress: its current phase running, without end or duration", () => {
    const records = failedAudit().slice(0, 14);
    const timeline = timelineOf(records);
    expect(timeline.row.outcome).toBe("in_progress");
    expect(timeline.phases[2]).toMatchObject({
      status: "running",
      endedAt: null,
      durationMs: null,
      error: null,
      flaky: false,
    });
    expect(timeline.phases[2]?.attempts).toHaveLength(1);
  });

  it("is the same whatever order the records come in, and leaves other audits out", () => {
    const records = failedAudit();
    const b = auditRecords(B);
    const mixed = [...records].reverse();
    mixed.splice(5, 0, b(3, "phase_started", 2), b(0, "audit_started", null, started("blog")));
    expect(timelineOf(mixed)).toEqual(timelineOf(records));
    expect(timelineOf(mixed, B).phases.map((p) => p.phase)).toEqual([2]);
    expect(timelineOf(mixed, B).row.project).toBe("blog");
    expect(buildAuditTimeline(mixed, "no-such-audit")).toBeUndefined();
  });

  it("keeps records of the same instant in the order given", () => {
    const at = auditRecords(A);
    const first = at(1, "verification_failed", 1, failedRun("a"));
    const second = at(1, "verification_passed", 1, passedRun("a"));
    const phase = timelineOf([second, first]).phases[0];
    expect(phase?.attempts.map((a) => [a.id, a.attempt])).toEqual([
      [second.id, 1],
      [first.id, 2],
    ]);
  });
});

describe("buildAuditTimeline on incomplete or odd records", () => {
  it("builds a phase with verification events but no phase_started, from its earliest event", () => {
    const at = auditRecords(A);
    const records = [
      at(2, "verification_failed", 1, failedRun("npm test", 1000)),
      at(3, "verification_passed", 1, passedRun("npm test")),
      at(4, "phase_completed", 1, { duration_seconds: 9 }),
    ];
    const [phase] = timelineOf(records).phases;
    expect(phase).toMatchObject({
      title: null,
      file: null,
      status: "completed",
      flaky: true,
      startedAt: "2025-12-05T10:00:01.000Z", // the first attempt's start
      durationMs: 3000,
    });
    expect(timelineOf(records).row).toMatchObject({ project: null, slug: null, phasesTotal: null });
  });

  it("takes a skipped phase's reason, and a recorded duration where timestamps cannot tell", () => {
    const at = auditRecords(A);
    const [skipped, failed] = timelineOf([
      at(1, "phase_skipped", 1, { reason: "dependency_failed" }),
      at(2, "phase_failed", 2, { error: 7, duration_seconds: 2.5 }),
    ]).phases;
    expect(skipped).toMatchObject({
      status: "skipped",
      skipReason: "dependency_failed",
      startedAt: null,
      durationMs: null,
    });
    expect(failed).toMatchObject({ status: "failed", error: null, durationMs: 2500 });
  });

  it("rejects NaN and negative durations and counts to null", () => {
    const at = auditRecords(A);
    const [phase] = timelineOf([
      at(5, "phase_started", 1),
      at(6, "verification_failed", 1, { command: "a", duration_ms: -5, exit_code: 1 }),
      { ...at(7, "verification_passed", 1), data: { command: "a", duration_ms: Number.NaN } },
      at(8, "verification_passed", 1, { command: "a", duration_ms: 1e300 }),
      at(9, "file_modified", 1, {
        path: "x",
        size_bytes: -1,
        lines_added: 1.5,
        lines_removed: "2",
      }),
      at(3, "phase_completed", 1, { duration_seconds: -4 }), // before its start: clock skew
    ]).phases;
    expect(phase?.attempts.map((a) => [a.durationMs, a.startedAt === a.endedAt])).toEqual([
      [null, true],
      [null, true],
      [1e300, true], // an instant that far back does not exist: it starts when it ended
    ]);
    expect(phase?.files.modified).toEqual([
      { path: "x", sizeBytes: null, linesAdded: null, linesRemoved: null },
    ]);
    expect(phase?.durationMs).toBeNull();
  });

  it("ignores unknown event types but lists their ids, and keeps strings as data", () => {
    const at = auditRecords(A);
    const hostile = "</script><script>alert(1)</script>\u001b]8;;x\u0007";
    const records = [
      at(0, "phase_started", 1, { description: hostile, file: hostile }),
      at(1, "phase_paused", 1, { reason: "lunch" }),
      at(2, "file_renamed", 1, { path: "y" }),
      at(3, "verification_failed", 1, failedRun(hostile, 1, hostile)),
      at(4, "file_created", 1, { size_bytes: 3 }), // no path: not listed
    ];
    const [phase] = timelineOf(records).phases;
    expect([phase?.title, phase?.file, phase?.status]).toEqual([hostile, hostile, "running"]);
    expect(phase?.attempts.map((a) => [a.command, a.output])).toEqual([[hostile, hostile]]);
    expect(phase?.files).toEqual({ created: [], modified: [], deleted: [] });
    expect(phase?.eventIds).toEqual(records.map((r) => r.id));
  });

  it("sorts a timestamp that does not parse last, and still gives the others' times", () => {
    const at = auditRecords(A);
    const broken = { ...at(0, "phase_completed", 1), timestamp: "yesterday-ish" };
    const records = [broken, at(1, "phase_started", 1), at(2, "audit_started", null, started())];
    const timeline = timelineOf(records);
    expect(timeline.phases[0]?.eventIds).toEqual([records[1]?.id, broken.id]);
    expect(timeline.phases[0]).toMatchObject({ status: "completed", durationMs: null });
    expect([timeline.row.startedAt, timeline.row.lastAt]).toEqual([
      records[1]?.timestamp,
      records[2]?.timestamp,
    ]);
  });
});
