import type { EventRecord } from "@phaser/events-core";
import type { AuditRow } from "./audit-row.js";
import { AuditRowsBuilder } from "./audit-rows-builder.js";
import type { AuditTimeline, PhaseTimeline } from "./audit-timeline.js";
import { groupAudits, phaseNumberOf } from "./group-audits.js";
import { phaseTimeline } from "./phase-timeline.js";
import { inTimeOrder } from "./record-time.js";

/**
 * One audit of `records` (any order, other audits' records ignored) as a
 * timeline; `undefined` when it has no record there. Records are put in time
 * order first, then grouped by {@link groupAudits}; the row is the one
 * {@link AuditRowsBuilder} gives for them.
 */
export function buildAuditTimeline(
  records: readonly EventRecord[],
  auditId: string,
): AuditTimeline | undefined {
  const own = inTimeOrder(records.filter((record) => record.audit_id === auditId));
  const builder = new AuditRowsBuilder();
  let row: AuditRow | undefined;
  for (const record of own) row = builder.add(record);
  const [audit] = groupAudits(own);
  if (row === undefined || audit === undefined) return undefined;
  const phases = audit.phases.map(phaseTimeline).sort((a, b) => a.phase - b.phase);
  return {
    row,
    phases,
    firstFailure: firstFailure(own, phases),
  };
}

/** The earliest failed attempt or failed phase (see {@link AuditTimeline.firstFailure}). */
function firstFailure(
  records: readonly EventRecord[],
  phases: readonly PhaseTimeline[],
): AuditTimeline["firstFailure"] {
  const failedAttempts = new Map<string, { phase: number; attempt: number }>();
  for (const { phase, attempts } of phases) {
    for (const { id, attempt, status } of attempts) {
      if (status === "failed") failedAttempts.set(id, { phase, attempt });
    }
  }
  const failedPhases = new Set(phases.filter((p) => p.status === "failed").map((p) => p.phase));
  for (const record of records) {
    const phase = phaseNumberOf(record);
    if (phase === null) continue;
    if (record.type === "verification_failed") {
      const failed = failedAttempts.get(record.id);
      if (failed !== undefined) return { ...failed, id: record.id };
    } else if (record.type === "phase_failed" && failedPhases.has(phase)) {
      return { phase, attempt: null, id: record.id };
    }
  }
  return null;
}
