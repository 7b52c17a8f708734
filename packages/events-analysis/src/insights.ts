/** The shapes `phaser-events insights` computes and prints (`--json` prints {@link Insights}). */
import type { EventRecord } from "@phaser/events-core";

/** How many entries the "most failing" and "most changed" lists keep. */
export const TOP_LIMIT = 5;

/** A verification command and how often it failed. */
export interface FailingCommand {
  readonly command: string;
  /** Its `verification_failed` runs. */
  readonly failures: number;
  /**
   * How many of those were flaky: runs of a check that then passed on a retry
   * in the same phase, so they did not fail the phase or the audit.
   */
  readonly flaky: number;
}

/** A file and how often it was created, modified or deleted, with the lines changed. */
export interface ChangedFile {
  readonly path: string;
  /** Number of `file_*` events for the path. */
  readonly changes: number;
  readonly lines_added: number;
  readonly lines_removed: number;
}

/** The phase with the most retries. */
export interface RetriedPhase {
  readonly retries: number;
  readonly audit_id: string;
  readonly slug: string | null;
  readonly phase: number;
  readonly description: string | null;
}

/** Phases that ended, by outcome, and the success rate. */
export interface PhaseCounts {
  readonly completed: number;
  readonly failed: number;
  readonly skipped: number;
  /** completed / (completed + failed), 0–1; `null` when no phase ended either way. */
  readonly success_rate: number | null;
}

/** What the events of one project say. */
export interface ProjectInsights {
  readonly project: string;
  readonly audits: {
    readonly total: number;
    readonly completed: number;
    readonly abandoned: number;
    readonly in_progress: number;
  };
  readonly phases: PhaseCounts;
  /** From `duration_seconds` of `phase_completed` and `phase_failed`. */
  readonly phase_duration_seconds: {
    readonly count: number;
    readonly mean: number | null;
    /** 95th percentile, nearest rank. */
    readonly p95: number | null;
  };
  /** Top {@link TOP_LIMIT} by `verification_failed` count. */
  readonly failing_commands: readonly FailingCommand[];
  /** Top {@link TOP_LIMIT} by number of `file_*` events. */
  readonly changed_files: readonly ChangedFile[];
  /**
   * Retries of each phase that ended (completed or failed): for a completed
   * phase its `verification_failed` count, for a failed one `attempts − 1`.
   */
  readonly retries: {
    readonly phases: number;
    readonly mean: number | null;
    readonly max: RetriedPhase | null;
  };
}

/** The whole report: one entry per project, projects by name. */
export interface Insights {
  /** The `--since` bound, canonical UTC; `null` for all events. */
  readonly since: string | null;
  readonly events: number;
  readonly audits: number;
  readonly projects: readonly ProjectInsights[];
}

export interface ComputeInsightsOptions {
  readonly since?: string | undefined;
  /**
   * `audit_started` records from outside `records` (e.g. before `since`), so
   * an audit that started before the window still counts under its project.
   */
  readonly auditStarts?: readonly EventRecord[];
}
