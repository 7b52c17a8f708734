import type { EventRecord } from "@phaser/events-core";
import { describe, expect, it } from "vitest";
import { AuditRowsBuilder, auditRows } from "../src/index.js";
import { auditRecords, failedRun, passedRun, started } from "./fixtures/audit-records.js";

const A = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const B = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const C = "cccccccc-cccc-4ccc-8ccc-cccccccccccc";

const rowOf = (records: readonly EventRecord[]) => {
  const [row, ...others] = auditRows(records);
  expect(others).toEqual([]);
  if (row === undefined) throw new Error("no row");
  return row;
};

/** An audit that ends with `end` after phase 1 completed and phase 2 `phase2` (if given). */
function endedAudit(
  end: "audit_completed" | "audit_abandoned" | null,
  reason: string | null,
  phase2: "phase_failed" | "phase_skipped" | null = null,
): EventRecord[] {
  const at = auditRecords(A);
  return [
    at(0, "audit_started", null, started()),
    at(1, "phase_started", 1, { description: "Cart", file: "01.md" }),
    at(2, "phase_completed", 1, { duration_seconds: 1 }),
    ...(phase2 === null ? [] : [at(3, phase2, 2, { error: "lint", reason: "user_request" })]),
    ...(end === null ? [] : [at(10, end, null, reason === null ? {} : { reason })]),
  ];
}

describe("audit outcome", () => {
  it("is completed with an audit_completed, with no reason", () => {
    const row = rowOf(endedAudit("audit_completed", null));
    expect([row.outcome, row.reason, row.durationMs]).toEqual(["completed", null, 10_000]);
  });

  it("is failed when abandoned for an error or a timeout, with that reason", () => {
    expect(rowOf(endedAudit("audit_abandoned", "error"))).toMatchObject({
      outcome: "failed",
      reason: "error",
    });
    expect(rowOf(endedAudit("audit_abandoned", "timeout")).outcome).toBe("failed");
  });

  it("is failed when abandoned after a phase failed, whatever the reason", () => {
    const row = rowOf(endedAudit("audit_abandoned", "user_request", "phase_failed"));
    expect([row.outcome, row.reason]).toEqual(["failed", "user_request"]);
  });

  it("is abandoned when abandoned otherwise (a user's request, a skipped phase, no reason)", () => {
    const row = rowOf(endedAudit("audit_abandoned", "user_request", "phase_skipped"));
    expect([row.outcome, row.reason, row.durationMs]).toEqual([
      "abandoned",
      "user_request",
      10_000,
    ]);
    expect(rowOf(endedAudit("audit_abandoned", null))).toMatchObject({
      outcome: "abandoned",
      reason: null,
    });
  });

  it("is in progress without an end event, with no duration, even after a failed phase", () => {
    const row = rowOf(endedAudit(null, null, "phase_failed"));
    expect([row.outcome, row.reason, row.durationMs]).toEqual(["in_progress", null, null]);
  });

  it("counts a phase that failed and then completed (a later run) as done, not failed", () => {
    const at = auditRecords(A);
    const row = rowOf([
      at(0, "phase_failed", 1, { error: "x" }),
      at(5, "phase_completed", 1, {}),
      at(9, "audit_abandoned", null, { reason: "user_request" }),
    ]);
    expect([row.outcome, row.phasesDone]).toEqual(["abandoned", 1]);
  });
});

describe("audit row fields", () => {
  it("reads project, slug and phases total from audit_started, and counts done phases once", () => {
    const at = auditRecords(A);
    const row = rowOf([
      at(0, "audit_started", null, started("shop", "v1-cart", 4)),
      at(1, "phase_completed", 1, {}),
      at(2, "phase_completed", 1, {}), // written twice: still one phase
      at(3, "phase_skipped", 2, { reason: "user_request" }),
      at(4, "phase_failed", 3, { error: "x" }),
      at(5, "phase_started", 4, {}),
    ]);
    expect(row).toMatchObject({
      auditId: A,
      project: "shop",
      slug: "v1-cart",
      phasesTotal: 4,
      phasesDone: 2,
      eventCount: 6,
    });
  });

  it("has nulls for an audit without audit_started, and for fields of the wrong type", () => {
    const at = auditRecords(A);
    expect(rowOf([at(0, "phase_started", 1, {})])).toMatchObject({
      project: null,
      slug: null,
      phasesTotal: null,
    });
    for (const phases_total of [-1, 2.5, "3", null]) {
      const row = rowOf([at(0, "audit_started", null, { project: 7, slug: null, phases_total })]);
      expect([row.project, row.slug, row.phasesTotal]).toEqual([null, null, null]);
    }
  });

  it("spans the earliest and latest timestamps as stored, whatever order records come in", () => {
    const at = auditRecords(A);
    const records = [
      at(7, "phase_started", 1),
      at(2, "audit_started", null, started()),
      at(30, "x"),
    ];
    const row = rowOf(records);
    expect([row.startedAt, row.lastAt]).toEqual([records[1]?.timestamp, records[2]?.timestamp]);
    const end = at(12, "audit_completed", null, {});
    expect(rowOf([...records, end]).durationMs).toBe(10_000);
  });

  it("counts commands whose last run in the audit failed: a retry that passed clears one", () => {
    const at = auditRecords(A);
    const row = rowOf([
      at(1, "verification_failed", 1, failedRun("npm test")),
      at(2, "verification_passed", 1, passedRun("npm test")), // flaky: cleared
      at(3, "verification_failed", 1, failedRun("npm run lint")),
      at(4, "verification_failed", 2, failedRun("npm run lint")),
      at(5, "verification_passed", 2, passedRun("tsc")),
      at(6, "verification_failed", 2, { exit_code: 1 }), // no command: one unknown command
      at(7, "verification_failed", null, failedRun("audit-level: not a phase's check")),
    ]);
    expect(row.failingChecks).toBe(2);
  });

  it("takes the earliest audit_started and each phase's latest outcome; same instant: the later given", () => {
    const at = auditRecords(A);
    const records = [
      at(1, "audit_started", null, started("early", "early", 2)),
      at(5, "audit_started", null, started("late", "late", 9)),
      at(2, "phase_completed", 1),
      at(2, "phase_failed", 1, { error: "x" }), // same instant, given later: the outcome
      at(3, "phase_failed", 2, { error: "y" }),
      at(3, "phase_skipped", 2),
      at(9, "audit_abandoned", null, { reason: "user_request" }),
    ];
    expect(rowOf(records)).toMatchObject({
      project: "early",
      phasesTotal: 2,
      phasesDone: 1,
      outcome: "failed",
    });
    const swapped = [...records];
    [swapped[2], swapped[3]] = [records[3] as EventRecord, records[2] as EventRecord];
    expect(rowOf(swapped)).toMatchObject({ phasesDone: 2, outcome: "abandoned" });
  });

  it("counts every record, of any type, and ignores the types it does not know", () => {
    const at = auditRecords(A);
    const row = rowOf([
      at(0, "audit_started", null, started()),
      at(1, "phase_completed_v9", 1, {}),
      at(2, "audit_paused", null, { reason: "error" }),
    ]);
    expect([row.eventCount, row.outcome, row.phasesDone]).toEqual([3, "in_progress", 0]);
  });

  it("keeps stored strings exactly", () => {
    const at = auditRecords(A);
    const hostile = '<img src=x onerror="alert(1)">\u001b[31m\u0000\u202e';
    const row = rowOf([at(0, "audit_started", null, started(hostile, hostile))]);
    expect([row.project, row.slug]).toEqual([hostile, hostile]);
  });
});

describe("AuditRowsBuilder", () => {
  it("returns each audit's updated row from add, and get gives the same", () => {
    const builder = new AuditRowsBuilder();
    const at = auditRecords(A);
    expect(builder.add(at(0, "audit_started", null, started())).eventCount).toBe(1);
    const row = builder.add(at(1, "phase_completed", 1, {}));
    expect([row.eventCount, row.phasesDone]).toEqual([2, 1]);
    expect(builder.get(A)).toEqual(row);
    expect(builder.get(B)).toBeUndefined();
  });

  it("lists rows newest first by start; audits that started together, the later seen first", () => {
    const builder = new AuditRowsBuilder();
    builder.add(auditRecords(A, "2025-12-05T10:00:00.000Z")(0, "audit_started"));
    builder.add(auditRecords(B, "2025-12-05T12:00:00.000Z")(0, "audit_started"));
    builder.add(auditRecords(C, "2025-12-05T10:00:00.000Z")(0, "audit_started"));
    expect(builder.rows().map((row) => row.auditId)).toEqual([B, C, A]);
    // An earlier record of A moves its start, and its place.
    builder.add(auditRecords(A, "2025-12-05T13:00:00.000Z")(0, "phase_started", 1));
    builder.add(auditRecords(A, "2025-12-05T09:00:00.000Z")(0, "phase_started", 1));
    expect(builder.rows().map((row) => row.auditId)).toEqual([B, C, A]);
    builder.add(auditRecords(C, "2025-12-05T08:30:00.000Z")(0, "phase_started", 1));
    expect(builder.rows().map((row) => row.auditId)).toEqual([B, A, C]);
  });

  it("deletes an audit: gone from get and rows; its records added later start afresh", () => {
    const builder = new AuditRowsBuilder();
    const at = auditRecords(A);
    builder.add(at(0, "audit_started", null, started()));
    builder.add(at(1, "phase_completed", 1));
    builder.add(auditRecords(B)(0, "audit_started"));
    expect(builder.delete(A)).toBe(true);
    expect(builder.delete(A)).toBe(false);
    expect(builder.get(A)).toBeUndefined();
    expect(builder.rows().map((row) => row.auditId)).toEqual([B]);
    expect(builder.add(at(2, "phase_started", 2))).toMatchObject({ eventCount: 1, phasesDone: 0 });
  });

  it("gives for mixed audits, in any order, the rows auditRows gives", () => {
    const a = auditRecords(A);
    const b = auditRecords(B, "2025-12-06T10:00:00.000Z");
    const records = [
      a(0, "audit_started", null, started("shop")),
      b(0, "audit_started", null, started("blog")),
      a(5, "audit_completed", null, {}),
      b(3, "phase_failed", 1, { error: "x" }),
      b(4, "audit_abandoned", null, { reason: "user_request" }),
    ];
    const builder = new AuditRowsBuilder();
    for (const record of [...records].reverse()) builder.add(record);
    expect(builder.rows()).toEqual(auditRows(records));
    expect(auditRows(records).map((r) => [r.project, r.outcome])).toEqual([
      ["blog", "failed"],
      ["shop", "completed"],
    ]);
  });
});
