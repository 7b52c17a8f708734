/** How an audit ended, or that it has not. */
export type AuditOutcome = "completed" | "failed" | "abandoned" | "in_progress";

/** One line of the audits view: what an audit is and how it went, from its records. */
export interface AuditRow {
  readonly auditId: string;
  /** `audit_started.data.project`; `null` without a stored `audit_started` (or project). */
  readonly project: string | null;
  /** `audit_started.data.slug`. */
  readonly slug: string | null;
  /**
   * `completed` with an `audit_completed`; `failed` when abandoned with reason
   * `error` or `timeout`, or after a phase failed; `abandoned` otherwise (e.g.
   * `user_request`); `in_progress` without an end event.
   */
  readonly outcome: AuditOutcome;
  /** `audit_abandoned`'s `data.reason` when abandoned or failed, else `null`. */
  readonly reason: string | null;
  /** The earliest event's timestamp, as stored. */
  readonly startedAt: string;
  /** The latest event's timestamp, as stored. */
  readonly lastAt: string;
  /** From the earliest event to the end event; `null` while in progress. */
  readonly durationMs: number | null;
  /** Phases completed or skipped (by each phase's latest outcome). */
  readonly phasesDone: number;
  /** `audit_started.data.phases_total`. */
  readonly phasesTotal: number | null;
  /** Verification commands whose last run in the audit failed. */
  readonly failingChecks: number;
  /** Records of the audit, of any type. */
  readonly eventCount: number;
}
