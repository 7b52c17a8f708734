import type { EventRecord } from "@phaser/events-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AuditOutcome,
  type AuditRow,
  AuditRowsBuilder,
  auditRows,
  buildAuditTimeline,
} from "../src/index.js";

const AUDITS = ["a1", "a2", "a3"];
const TYPES = [
  "audit_started",
  "audit_completed",
  "audit_abandoned",
  "phase_started",
  "phase_completed",
  "phase_failed",
  "phase_skipped",
  "verification_passed",
  "verification_failed",
  "file_modified",
  "phase_paused", // a type from a newer writer
];

/** Records of up to three audits, every timestamp distinct, in no particular order. */
const recordsArb = fc
  .uniqueArray(fc.integer({ min: 0, max: 100_000 }), { maxLength: 60 })
  .chain((seconds) =>
    fc.tuple(
      ...seconds.map((second) =>
        fc.record({
          audit: fc.constantFrom(...AUDITS),
          type: fc.constantFrom(...TYPES),
          phase: fc.constantFrom(null, 1, 2, 3),
          command: fc.constantFrom("lint", "test", undefined),
          reason: fc.constantFrom("error", "timeout", "user_request", undefined),
          second: fc.constant(second),
        }),
      ),
    ),
  )
  .map((specs) =>
    specs.map(
      (spec, index): EventRecord => ({
        id: `id-${index}`,
        type: spec.type,
        timestamp: new Date(Date.UTC(2025, 11, 5) + spec.second * 1000).toISOString(),
        audit_id: spec.audit,
        phase: spec.phase,
        data: {
          ...(spec.command === undefined ? {} : { command: spec.command }),
          ...(spec.reason === undefined ? {} : { reason: spec.reason }),
          project: "p",
          phases_total: 3,
        },
      }),
    ),
  );

/** The row's rules written the plain way: sort, then read the earliest and latest of each kind. */
function referenceRow(records: readonly EventRecord[], auditId: string): AuditRow {
  const own = records
    .filter((r) => r.audit_id === auditId)
    .sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
  const auditLevel = own.filter((r) => r.phase === null);
  const last = (type: string) => auditLevel.filter((r) => r.type === type).at(-1);
  const start = auditLevel.find((r) => r.type === "audit_started");
  const [completed, abandoned] = [last("audit_completed"), last("audit_abandoned")];
  const phases = new Map<number, string>();
  const checks = new Map<string, string>();
  for (const r of own) {
    if (r.phase === null) continue;
    if (["phase_completed", "phase_failed", "phase_skipped"].includes(r.type)) {
      phases.set(r.phase, r.type);
    }
    if (r.type.startsWith("verification_")) checks.set(String(r.data.command), r.type);
  }
  const reason = (abandoned?.data.reason as string | undefined) ?? null;
  const phaseFailed = [...phases.values()].includes("phase_failed");
  const outcome: AuditOutcome = completed
    ? "completed"
    : !abandoned
      ? "in_progress"
      : phaseFailed || reason === "error" || reason === "timeout"
        ? "failed"
        : "abandoned";
  const end = completed ?? abandoned;
  const first = own[0] as EventRecord;
  return {
    auditId,
    project: start ? "p" : null,
    slug: null,
    outcome,
    reason: outcome === "failed" || outcome === "abandoned" ? reason : null,
    startedAt: first.timestamp,
    lastAt: (own.at(-1) as EventRecord).timestamp,
    durationMs: end ? Date.parse(end.timestamp) - Date.parse(first.timestamp) : null,
    phasesDone: [...phases.values()].filter((t) => t !== "phase_failed").length,
    phasesTotal: start ? 3 : null,
    failingChecks: [...checks.values()].filter((t) => t === "verification_failed").length,
    eventCount: own.length,
  };
}

describe("AuditRowsBuilder, against the rules written plainly", () => {
  it("gives each audit the reference row, whatever order its records are added in", () => {
    fc.assert(
      fc.property(
        recordsArb.chain((records) =>
          fc.tuple(
            fc.constant(records),
            fc.shuffledSubarray(records, { minLength: records.length }),
          ),
        ),
        ([records, shuffled]) => {
          const builder = new AuditRowsBuilder();
          for (const record of shuffled) builder.add(record);
          const rows = builder.rows();
          expect(rows).toEqual(auditRows(records));
          for (const row of rows) {
            expect(row).toEqual(referenceRow(records, row.auditId));
            // The timeline's row is the same row, and its phases agree with the count.
            const timeline = buildAuditTimeline(shuffled, row.auditId);
            expect(timeline?.row).toEqual(row);
            const done = timeline?.phases.filter(
              (p) => p.status === "completed" || p.status === "skipped",
            );
            expect(done?.length).toBe(row.phasesDone);
          }
          expect(rows.map((row) => row.startedAt)).toEqual(
            rows
              .map((row) => row.startedAt)
              .sort()
              .reverse(),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
