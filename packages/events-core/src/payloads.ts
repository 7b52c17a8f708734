/** Why an audit was abandoned. */
export type AbandonReason = "user_request" | "error" | "timeout";
/** Why a phase was skipped. */
export type SkipReason = "user_request" | "dependency_failed";

/** `audit_started`: a new audit was initialised. */
export interface AuditStartedPayload {
  project: string;
  slug: string;
  phases_total: number;
  git_branch?: string;
  git_commit?: string;
}
/** `audit_completed`: every phase is done. */
export interface AuditCompletedPayload {
  duration_seconds: number;
  phases_completed: number;
  phases_skipped: number;
  files_created: number;
  files_modified: number;
  files_deleted: number;
}
/** `audit_abandoned`: the audit ended early. */
export interface AuditAbandonedPayload {
  reason: AbandonReason;
  phases_completed: number;
  phases_remaining: number;
}
/** `phase_started`. */
export interface PhaseStartedPayload {
  description: string;
  file: string;
}
/** `phase_completed`. */
export interface PhaseCompletedPayload {
  duration_seconds: number;
  files_created: number;
  files_modified: number;
  verification_count: number;
}
/** `phase_failed`: verification still failed after the retries. */
export interface PhaseFailedPayload {
  error: string;
  attempts: number;
  duration_seconds: number;
}
/** `phase_skipped`. */
export interface PhaseSkippedPayload {
  reason: SkipReason;
}
/** `verification_passed`: a verify command exited 0. */
export interface VerificationPassedPayload {
  command: string;
  exit_code: 0;
  duration_ms: number;
}
/** `verification_failed`: a verify command exited non-zero. */
export interface VerificationFailedPayload {
  command: string;
  exit_code: number;
  duration_ms: number;
  /** Combined stdout/stderr, at most 1,000 characters. */
  output: string;
}
/** `file_created`. */
export interface FileCreatedPayload {
  path: string;
  size_bytes: number;
}
/** `file_modified`. */
export interface FileModifiedPayload {
  path: string;
  size_bytes: number;
  lines_added: number;
  lines_removed: number;
}
/** `file_deleted`. */
export interface FileDeletedPayload {
  path: string;
}

/** The payload (`data`) of each event type, with the spec's snake_case wire names. */
export interface EventPayloadMap {
  audit_started: AuditStartedPayload;
  audit_completed: AuditCompletedPayload;
  audit_abandoned: AuditAbandonedPayload;
  phase_started: PhaseStartedPayload;
  phase_completed: PhaseCompletedPayload;
  phase_failed: PhaseFailedPayload;
  phase_skipped: PhaseSkippedPayload;
  verification_passed: VerificationPassedPayload;
  verification_failed: VerificationFailedPayload;
  file_created: FileCreatedPayload;
  file_modified: FileModifiedPayload;
  file_deleted: FileDeletedPayload;
}

/** Maximum length of `verification_failed.data.output`. */
export const MAX_OUTPUT_LENGTH = 1000;
