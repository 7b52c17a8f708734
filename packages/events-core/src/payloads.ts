import { z } from "zod";
import type { EventType } from "./event-type.js";

const count = z.int().min(0);
const seconds = z.number().min(0);
const text = z.string();
const path = z.string().min(1);

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

/**
 * Runtime schemas of the known payload fields. Every field is optional at
 * run time (the spec lets `data` default to `{}`), but a field that is present
 * must have the right type; unknown fields are allowed and kept.
 */
export const payloadSchemas = {
  audit_started: z.looseObject({
    project: text.optional(),
    slug: text.optional(),
    phases_total: count.optional(),
    git_branch: text.optional(),
    git_commit: text.optional(),
  }),
  audit_completed: z.looseObject({
    duration_seconds: seconds.optional(),
    phases_completed: count.optional(),
    phases_skipped: count.optional(),
    files_created: count.optional(),
    files_modified: count.optional(),
    files_deleted: count.optional(),
  }),
  audit_abandoned: z.looseObject({
    reason: z.enum(["user_request", "error", "timeout"]).optional(),
    phases_completed: count.optional(),
    phases_remaining: count.optional(),
  }),
  phase_started: z.looseObject({ description: text.optional(), file: text.optional() }),
  phase_completed: z.looseObject({
    duration_seconds: seconds.optional(),
    files_created: count.optional(),
    files_modified: count.optional(),
    verification_count: count.optional(),
  }),
  phase_failed: z.looseObject({
    error: text.optional(),
    attempts: z.int().min(1).optional(),
    duration_seconds: seconds.optional(),
  }),
  phase_skipped: z.looseObject({
    reason: z.enum(["user_request", "dependency_failed"]).optional(),
  }),
  verification_passed: z.looseObject({
    command: text.optional(),
    exit_code: z.literal(0).optional(),
    duration_ms: count.optional(),
  }),
  verification_failed: z.looseObject({
    command: text.optional(),
    exit_code: z
      .int()
      .refine((code) => code !== 0, "a failed verification has a non-zero exit code")
      .optional(),
    duration_ms: count.optional(),
    output: z.string().max(MAX_OUTPUT_LENGTH).optional(),
  }),
  file_created: z.looseObject({ path: path.optional(), size_bytes: count.optional() }),
  file_modified: z.looseObject({
    path: path.optional(),
    size_bytes: count.optional(),
    lines_added: count.optional(),
    lines_removed: count.optional(),
  }),
  file_deleted: z.looseObject({ path: path.optional() }),
} satisfies Record<EventType, z.ZodType>;
