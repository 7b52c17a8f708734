import type { AuditRow } from "./audit-row.js";

/** One audit as a timeline: its row, and its phases with their verification attempts and files. */
export interface AuditTimeline {
  readonly row: AuditRow;
  /** In phase-number order. */
  readonly phases: readonly PhaseTimeline[];
  /**
   * Where a view opens: the first failed phase (one whose latest outcome is
   * `phase_failed`), at its last failed verification attempt, or at the phase
   * when no attempt of it failed; when no phase failed, the earliest failed
   * attempt (one a retry cleared); `null` when nothing failed. `attempt` is the attempt's
   * {@link VerificationAttempt.attempt} (`null` for a failed phase) and `id`
   * the record's id, which tells apart attempts of different commands.
   */
  readonly firstFailure: {
    readonly phase: number;
    readonly attempt: number | null;
    readonly id: string;
  } | null;
}

/**
 * A phase's latest outcome: `running` when it has none (yet: when the audit
 * has ended, the phase was cut off without one).
 */
export type PhaseStatus = "running" | "completed" | "failed" | "skipped";

export interface PhaseTimeline {
  readonly phase: number;
  /** `phase_started.data.description`. */
  readonly title: string | null;
  /** `phase_started.data.file`. */
  readonly file: string | null;
  readonly status: PhaseStatus;
  /** Completed although a verification attempt failed: a check passed on a retry. */
  readonly flaky: boolean;
  /**
   * Its `phase_started`'s timestamp; without one, its earliest event's (or
   * first attempt's start); `null` for a phase with only an outcome.
   */
  readonly startedAt: string | null;
  /** Its outcome's timestamp; `null` while running. */
  readonly endedAt: string | null;
  /** `endedAt − startedAt`; when that cannot be told, the outcome's `duration_seconds`; else `null`. */
  readonly durationMs: number | null;
  /** `phase_failed.data.error` when failed. */
  readonly error: string | null;
  /** `phase_skipped.data.reason` when skipped. */
  readonly skipReason: string | null;
  /** Its `verification_passed` and `verification_failed` records, in time order. */
  readonly attempts: readonly VerificationAttempt[];
  /** Its file events, in time order (one without a `path` is left out). */
  readonly files: {
    readonly created: readonly { path: string; sizeBytes: number | null }[];
    readonly modified: readonly {
      path: string;
      sizeBytes: number | null;
      linesAdded: number | null;
      linesRemoved: number | null;
    }[];
    readonly deleted: readonly { path: string }[];
  };
  /** The ids of every record of this phase (any type), in time order: to keep a chart and an event table in sync. */
  readonly eventIds: readonly string[];
}

/** One run of a verification command. */
export interface VerificationAttempt {
  /** The record's id. */
  readonly id: string;
  /** `data.command`; `"(unknown command)"` when the record has none. */
  readonly command: string;
  /** 1-based: the how-manieth run of this command within the phase. */
  readonly attempt: number;
  readonly status: "passed" | "failed";
  /** The record's timestamp minus `duration_ms` (ISO); the timestamp itself without a duration. */
  readonly startedAt: string;
  /** The record's timestamp. */
  readonly endedAt: string;
  /** `data.duration_ms`; `null` when missing, negative or not a number. */
  readonly durationMs: number | null;
  readonly exitCode: number | null;
  readonly output: string | null;
}
