import type { EventRecord } from "@phaser/events-core";
import type { AuditOutcome, AuditRow } from "./audit-row.js";
import { isPhaseOutcome, phaseNumberOf } from "./group-audits.js";
import { numberField, stringField } from "./record-data.js";
import { isAfter, nonNegative, type TimeMark, timeOf } from "./record-time.js";
import { UNKNOWN_COMMAND } from "./verification-checks.js";

interface Marked {
  readonly mark: TimeMark;
}
interface Instant extends Marked {
  readonly timestamp: string;
}
interface Start extends Marked {
  readonly project: string | null;
  readonly slug: string | null;
  readonly phasesTotal: number | null;
}
interface Abandon extends Marked {
  readonly reason: string | null;
}
interface PhaseOutcome extends Marked {
  readonly type: string;
}
interface CheckRun extends Marked {
  readonly failed: boolean;
}

/** Abandon reasons that mean something went wrong rather than someone stopped the audit. */
const FAILURE_REASONS = new Set(["error", "timeout"]);

/**
 * What one audit's row needs, kept as each record arrives: no record is kept,
 * only the earliest or latest of each kind, one entry per phase and one per
 * verification command. Each field is the earliest or latest by
 * {@link TimeMark}, so the row does not depend on the order records arrive in.
 */
export class AuditRowState {
  readonly auditId: string;
  /** When the builder first saw the audit, for ordering rows that started at the same instant. */
  readonly firstSeen: number;
  #events = 0;
  #first: Instant | undefined;
  #last: Instant | undefined;
  #start: Start | undefined;
  #completed: Marked | undefined;
  #abandoned: Abandon | undefined;
  /** Each phase's latest outcome. */
  readonly #phases = new Map<number, PhaseOutcome>();
  #phasesDone = 0;
  #phasesFailed = 0;
  /** Each verification command's latest run. */
  readonly #checks = new Map<string, CheckRun>();
  #failingChecks = 0;

  constructor(auditId: string, firstSeen: number) {
    this.auditId = auditId;
    this.firstSeen = firstSeen;
  }

  /** The start's milliseconds since the epoch, `-Infinity` if unknown (sorts as the oldest). */
  get startMs(): number {
    const ms = this.#first?.mark.ms;
    return ms !== undefined && Number.isFinite(ms) ? ms : Number.NEGATIVE_INFINITY;
  }

  add(record: EventRecord, seen: number): void {
    const mark: TimeMark = { ms: timeOf(record), seen };
    const instant = { mark, timestamp: String(record.timestamp) };
    this.#events += 1;
    if (this.#first === undefined || isAfter(this.#first.mark, mark)) this.#first = instant;
    if (Number.isFinite(mark.ms) && (this.#last === undefined || isAfter(mark, this.#last.mark))) {
      this.#last = instant;
    }
    const phase = phaseNumberOf(record);
    if (phase === null) this.#addAuditLevel(record, mark);
    else if (isPhaseOutcome(record.type)) this.#addPhaseOutcome(phase, record.type, mark);
    else if (record.type === "verification_passed" || record.type === "verification_failed") {
      this.#addCheckRun(record, mark);
    }
  }

  #addAuditLevel(record: EventRecord, mark: TimeMark): void {
    if (record.type === "audit_started") {
      if (this.#start !== undefined && !isAfter(this.#start.mark, mark)) return;
      const total = numberField(record, "phases_total");
      this.#start = {
        mark,
        project: stringField(record, "project") ?? null,
        slug: stringField(record, "slug") ?? null,
        phasesTotal: total !== undefined && Number.isInteger(total) ? nonNegative(total) : null,
      };
    } else if (record.type === "audit_completed") {
      if (this.#completed === undefined || isAfter(mark, this.#completed.mark)) {
        this.#completed = { mark };
      }
    } else if (record.type === "audit_abandoned") {
      if (this.#abandoned === undefined || isAfter(mark, this.#abandoned.mark)) {
        this.#abandoned = { mark, reason: stringField(record, "reason") ?? null };
      }
    }
  }

  #addPhaseOutcome(phase: number, type: string, mark: TimeMark): void {
    const before = this.#phases.get(phase);
    if (before !== undefined && !isAfter(mark, before.mark)) return;
    this.#phases.set(phase, { mark, type });
    this.#phasesDone += isDone(type) - isDone(before?.type);
    this.#phasesFailed += Number(type === "phase_failed") - Number(before?.type === "phase_failed");
  }

  #addCheckRun(record: EventRecord, mark: TimeMark): void {
    const command = stringField(record, "command") ?? UNKNOWN_COMMAND;
    const before = this.#checks.get(command);
    if (before !== undefined && !isAfter(mark, before.mark)) return;
    const failed = record.type === "verification_failed";
    this.#checks.set(command, { mark, failed });
    this.#failingChecks += Number(failed) - Number(before?.failed === true);
  }

  get outcome(): AuditOutcome {
    if (this.#completed !== undefined) return "completed";
    if (this.#abandoned === undefined) return "in_progress";
    const reason = this.#abandoned.reason;
    const failed = this.#phasesFailed > 0 || (reason !== null && FAILURE_REASONS.has(reason));
    return failed ? "failed" : "abandoned";
  }

  row(): AuditRow {
    const outcome = this.outcome;
    const end = outcome === "completed" ? this.#completed : this.#abandoned;
    const startMs = this.#first?.mark.ms ?? Number.NaN;
    const startedAt = this.#first?.timestamp ?? "";
    return {
      auditId: this.auditId,
      project: this.#start?.project ?? null,
      slug: this.#start?.slug ?? null,
      outcome,
      reason:
        outcome === "abandoned" || outcome === "failed" ? (this.#abandoned?.reason ?? null) : null,
      startedAt,
      lastAt: this.#last?.timestamp ?? startedAt,
      durationMs: end === undefined ? null : nonNegative(end.mark.ms - startMs),
      phasesDone: this.#phasesDone,
      phasesTotal: this.#start?.phasesTotal ?? null,
      failingChecks: this.#failingChecks,
      eventCount: this.#events,
    };
  }
}

function isDone(type: string | undefined): number {
  return Number(type === "phase_completed" || type === "phase_skipped");
}
