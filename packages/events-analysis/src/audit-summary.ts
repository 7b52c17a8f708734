import type { AuditRow } from "./audit-row.js";
import type { PhaseStatus, VerificationAttempt } from "./audit-timeline.js";
import type { CheckResult } from "./verification-checks.js";

/**
 * One audit as a CI job summary shows it: how it ended, each phase with its
 * checks, the checks that failed or passed only on a retry, and the files
 * changed. Built from the audit's timeline; strings are as stored.
 */
export interface AuditSummary {
  readonly row: AuditRow;
  /** In phase-number order. */
  readonly phases: readonly PhaseSummary[];
  /** Checks whose last run failed, phase by phase, in the order they first ran. */
  readonly failingChecks: readonly CheckSummary[];
  /** Checks that failed and then passed on a retry. */
  readonly flakyChecks: readonly CheckSummary[];
  /** Every file change, phase by phase: its created, then modified, then deleted files, each in time order. */
  readonly files: readonly FileChange[];
}

export interface PhaseSummary {
  readonly phase: number;
  /** `phase_started.data.description`. */
  readonly title: string | null;
  /** `phase_started.data.file`. */
  readonly file: string | null;
  readonly status: PhaseStatus;
  /** Completed although a check failed on an earlier attempt. */
  readonly flaky: boolean;
  readonly durationMs: number | null;
  /** `phase_failed.data.error` when failed. */
  readonly error: string | null;
  /** `phase_skipped.data.reason` when skipped. */
  readonly skipReason: string | null;
  /** How many times its verify list ran: the most runs any of its checks had (0 without checks). */
  readonly attempts: number;
  /** Its checks, in the order they first ran. */
  readonly checks: readonly CheckSummary[];
}

/** One verify command of a phase (a command listed twice is two checks) and its runs. */
export interface CheckSummary {
  readonly phase: number;
  readonly command: string;
  readonly result: CheckResult;
  /** Its runs, oldest first (never empty). */
  readonly runs: readonly VerificationAttempt[];
  /** Its last run: the one that decided {@link result}. */
  readonly last: VerificationAttempt;
}

/** A `file_created`, `file_modified` or `file_deleted` of a phase. */
export interface FileChange {
  readonly phase: number;
  readonly path: string;
  readonly change: "created" | "modified" | "deleted";
  /** `null` unless modified with a count. */
  readonly linesAdded: number | null;
  readonly linesRemoved: number | null;
  /** `null` when deleted or not recorded. */
  readonly sizeBytes: number | null;
}
