import type { EventRecord } from "@phaser/events-core";
import { AuditRowState } from "./audit-row-state.js";
import type { AuditTimeline, PhaseTimeline } from "./audit-timeline.js";
import { groupAudits, phaseNumberOf } from "./group-audits.js";
import { phaseTimeline } from "./phase-timeline.js";
import { inTimeOrder } from "./record-time.js";

/**
 * One audit of `records` (any order, other audits' records ignored) as a
 * timeline; `undefined` when it has no record there. Records are put in time
 * order first, then grouped by {@link groupAudits}; the row is the one
 * `AuditRowsBuilder` gives for them.
 */
export function buildAuditTimeline(
  records: readonly EventRecord[],
  auditId: string,
): AuditTimeline | undefined {
  const own = inTimeOrder(records.filter((record) => record.audit_id === auditId));
  const [audit] = groupAudits(own);
  if (audit === undefined) return undefined;
  // The row AuditRowsBuilder gives for these records, built once at the end (not after each).
  const state = new AuditRowState(auditId, 0);
  for (const [seen, record] of own.entries()) state.add(record, seen);
  const row = state.row();
  const phases = audit.phases.map(phaseTimeline).sort((a, b) => a.phase - b.phase);
  return {
    row,
    phases,
    firstFailure: firstFailure(own, phases),
  };
}

/**
 * Where the view opens (see {@link AuditTimeline.firstFailure}): the first
 * failed phase, at its last failed attempt (the run that decided it) or at
 * the phase itself; else the earliest failed attempt a retry cleared.
 */
function firstFailure(
  records: readonly EventRecord[],
  phases: readonly PhaseTimeline[],
): AuditTimeline["firstFailure"] {
  const failed = phases.find((p) => p.status === "failed");
  if (failed !== undefined) {
    const last = lastOf(failed.attempts, (a) => a.status === "failed");
    if (last !== undefined) return { phase: failed.phase, attempt: last.attempt, id: last.id };
    const outcome = lastOf(
      records,
      (r) => r.type === "phase_failed" && phaseNumberOf(r) === failed.phase,
    );
    return outcome === undefined ? null : { phase: failed.phase, attempt: null, id: outcome.id };
  }
  for (const phase of phases) {
    const flaky = phase.attempts.find((a) => a.status === "failed");
    if (flaky !== undefined) return { phase: phase.phase, attempt: flaky.attempt, id: flaky.id };
  }
  return null;
}

/** The last item that passes `test` (`Array.prototype.findLast` is ES2023). */
function lastOf<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i] as T;
    if (test(item)) return item;
  }
  return undefined;
}
