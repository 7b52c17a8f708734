import type { EventRecord } from "@phaser/events-core";
import type { AuditSummary, CheckSummary, FileChange, PhaseSummary } from "./audit-summary.js";
import type { PhaseTimeline, VerificationAttempt } from "./audit-timeline.js";
import { buildAuditTimeline } from "./build-audit-timeline.js";
import { groupChecks, resultOf } from "./verification-checks.js";

/**
 * One audit of `records` (any order, other audits' records ignored) as a CI
 * job summary (see {@link AuditSummary}); `undefined` when it has no record
 * there. Built on {@link buildAuditTimeline}: checks are its attempts grouped
 * as `verificationChecks` groups records.
 */
export function buildAuditSummary(
  records: readonly EventRecord[],
  auditId: string,
): AuditSummary | undefined {
  const timeline = buildAuditTimeline(records, auditId);
  if (timeline === undefined) return undefined;
  const phases = timeline.phases.map(phaseSummary);
  const checks = phases.flatMap((phase) => phase.checks);
  return {
    row: timeline.row,
    phases,
    failingChecks: checks.filter((check) => check.result === "failed"),
    flakyChecks: checks.filter((check) => check.result === "flaky"),
    files: timeline.phases.flatMap(fileChanges),
  };
}

function phaseSummary(phase: PhaseTimeline): PhaseSummary {
  const failed = (attempt: VerificationAttempt) => attempt.status === "failed";
  const checks = groupChecks(phase.attempts, (attempt) => attempt.command, failed).map(
    ([command, runs]): CheckSummary => ({
      phase: phase.phase,
      command,
      result: resultOf(runs, failed),
      runs,
      last: runs.at(-1) as VerificationAttempt,
    }),
  );
  return {
    phase: phase.phase,
    title: phase.title,
    file: phase.file,
    status: phase.status,
    flaky: phase.flaky,
    durationMs: phase.durationMs,
    error: phase.error,
    skipReason: phase.skipReason,
    attempts: Math.max(0, ...checks.map((check) => check.runs.length)),
    checks,
  };
}

/** A phase's file records as changes, created, modified and deleted files in time order each. */
function fileChanges(phase: PhaseTimeline): FileChange[] {
  const { created, modified, deleted } = phase.files;
  const base = { phase: phase.phase, linesAdded: null, linesRemoved: null, sizeBytes: null };
  return [
    ...created.map(
      (f): FileChange => ({ ...base, path: f.path, change: "created", sizeBytes: f.sizeBytes }),
    ),
    ...modified.map((f): FileChange => ({ ...base, ...f, change: "modified" })),
    ...deleted.map((f): FileChange => ({ ...base, path: f.path, change: "deleted" })),
  ];
}
