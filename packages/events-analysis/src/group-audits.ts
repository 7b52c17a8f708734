import type { EventRecord } from "@phaser/events-core";
import { stringField } from "./record-data.js";

/** The events of one phase of one audit, in stored order. */
export interface PhaseRun {
  readonly audit_id: string;
  readonly phase: number;
  /** Its `phase_started`, if stored. */
  readonly started: EventRecord | undefined;
  /** How it ended: its `phase_completed`, `phase_failed` or `phase_skipped`, if stored. */
  readonly outcome: EventRecord | undefined;
  /** Its `verification_passed` and `verification_failed` events. */
  readonly verifications: readonly EventRecord[];
  /** Its `file_created`, `file_modified` and `file_deleted` events. */
  readonly files: readonly EventRecord[];
  /** Every event of the phase. */
  readonly records: readonly EventRecord[];
}

/** The events of one audit, with its phases in the order they first appear. */
export interface AuditRun {
  readonly audit_id: string;
  /** Its `audit_started`, if stored. */
  readonly started: EventRecord | undefined;
  /** How it ended: its `audit_completed` or `audit_abandoned`; undefined while in progress. */
  readonly ended: EventRecord | undefined;
  readonly phases: readonly PhaseRun[];
}

interface MutablePhase {
  audit_id: string;
  phase: number;
  started: EventRecord | undefined;
  outcome: EventRecord | undefined;
  verifications: EventRecord[];
  files: EventRecord[];
  records: EventRecord[];
}

interface MutableAudit {
  audit_id: string;
  started: EventRecord | undefined;
  ended: EventRecord | undefined;
  phases: Map<number, MutablePhase>;
}

const PHASE_OUTCOMES = new Set(["phase_completed", "phase_failed", "phase_skipped"]);

/** Whether `type` ends a phase: `phase_completed`, `phase_failed` or `phase_skipped`. */
export function isPhaseOutcome(type: string): boolean {
  return PHASE_OUTCOMES.has(type);
}

/** Whether `type` ends a phase with a duration: `phase_completed` or `phase_failed` (not a skip). */
export function isPhaseEnd(type: string | undefined): boolean {
  return type === "phase_completed" || type === "phase_failed";
}

/** The records of each audit, audits in the order of their first record, records in the order given. */
export function recordsByAudit(records: readonly EventRecord[]): Map<string, EventRecord[]> {
  const byAudit = new Map<string, EventRecord[]>();
  for (const record of records) {
    const own = byAudit.get(record.audit_id);
    if (own === undefined) byAudit.set(record.audit_id, [record]);
    else own.push(record);
  }
  return byAudit;
}

/**
 * The audits with the `audit_started` they lack taken from `auditStarts`
 * (records from outside theirs, e.g. before a window's `since`), so an audit
 * that started before the window still counts under its project.
 */
export function withAuditStarts(
  audits: readonly AuditRun[],
  auditStarts: readonly EventRecord[],
): AuditRun[] {
  const starts = new Map<string, EventRecord>();
  for (const start of auditStarts) {
    if (start.type === "audit_started" && !starts.has(start.audit_id)) {
      starts.set(start.audit_id, start);
    }
  }
  return audits.map((audit) =>
    audit.started === undefined ? { ...audit, started: starts.get(audit.audit_id) } : audit,
  );
}

/**
 * The phase a record belongs to; `null` for an audit-level record (and for a
 * `phase` that is not a number, which a newer or broken writer may store).
 */
export function phaseNumberOf(record: EventRecord): number | null {
  return typeof record.phase === "number" ? record.phase : null;
}

/**
 * Groups records (oldest first) by audit, then by phase. Audits keep the
 * order of their first event; events of types this version does not know are
 * kept in `records` and otherwise ignored.
 */
export function groupAudits(records: readonly EventRecord[]): AuditRun[] {
  const audits = new Map<string, MutableAudit>();
  for (const record of records) {
    let audit = audits.get(record.audit_id);
    if (audit === undefined) {
      audit = {
        audit_id: record.audit_id,
        started: undefined,
        ended: undefined,
        phases: new Map(),
      };
      audits.set(record.audit_id, audit);
    }
    const number = phaseNumberOf(record);
    if (number === null) {
      if (record.type === "audit_started") audit.started ??= record;
      if (record.type === "audit_completed" || record.type === "audit_abandoned") {
        audit.ended = record;
      }
      continue;
    }
    const phase = phaseOf(audit, number);
    phase.records.push(record);
    if (record.type === "phase_started") phase.started ??= record;
    else if (isPhaseOutcome(record.type)) phase.outcome = record;
    else if (record.type.startsWith("verification_")) phase.verifications.push(record);
    else if (record.type.startsWith("file_")) phase.files.push(record);
  }
  return [...audits.values()].map((audit) => ({ ...audit, phases: [...audit.phases.values()] }));
}

function phaseOf(audit: MutableAudit, number: number): MutablePhase {
  let phase = audit.phases.get(number);
  if (phase === undefined) {
    phase = {
      audit_id: audit.audit_id,
      phase: number,
      started: undefined,
      outcome: undefined,
      verifications: [],
      files: [],
      records: [],
    };
    audit.phases.set(number, phase);
  }
  return phase;
}

/** The name for audits without a stored `audit_started` (or without a project in it). */
export const UNKNOWN_PROJECT = "(unknown project)";

/** The project an audit belongs to, from its `audit_started`. */
export function projectOf(audit: AuditRun): string {
  return (audit.started && stringField(audit.started, "project")) || UNKNOWN_PROJECT;
}

/** The audit's slug from its `audit_started`, if stored. */
export function slugOf(audit: AuditRun): string | undefined {
  return audit.started && stringField(audit.started, "slug");
}
