import type { EventType } from "./event-type.js";
import type { EventPayload, PAYLOAD_FIELDS } from "./payload-fields.js";

/**
 * The payload (`data`) types of the twelve event types, with the spec's
 * snake_case wire names. They are derived from `PAYLOAD_FIELDS`, the one
 * table of payload rules: change a field there, never here.
 */

/** Why an audit was abandoned. */
export type AbandonReason = (typeof PAYLOAD_FIELDS.audit_abandoned.reason.kind)[number];
/** Why a phase was skipped. */
export type SkipReason = (typeof PAYLOAD_FIELDS.phase_skipped.reason.kind)[number];

/** `audit_started`: a new audit was initialised. */
export type AuditStartedPayload = EventPayload<"audit_started">;
/** `audit_completed`: every phase is done. */
export type AuditCompletedPayload = EventPayload<"audit_completed">;
/** `audit_abandoned`: the audit ended early. */
export type AuditAbandonedPayload = EventPayload<"audit_abandoned">;
/** `phase_started`. */
export type PhaseStartedPayload = EventPayload<"phase_started">;
/** `phase_completed`. */
export type PhaseCompletedPayload = EventPayload<"phase_completed">;
/** `phase_failed`: verification still failed after the retries. */
export type PhaseFailedPayload = EventPayload<"phase_failed">;
/** `phase_skipped`. */
export type PhaseSkippedPayload = EventPayload<"phase_skipped">;
/** `verification_passed`: a verify command exited 0. */
export type VerificationPassedPayload = EventPayload<"verification_passed">;
/** `verification_failed`: a verify command exited non-zero. */
export type VerificationFailedPayload = EventPayload<"verification_failed">;
/** `file_created`. */
export type FileCreatedPayload = EventPayload<"file_created">;
/** `file_modified`. */
export type FileModifiedPayload = EventPayload<"file_modified">;
/** `file_deleted`. */
export type FileDeletedPayload = EventPayload<"file_deleted">;

/** The payload of each event type, as `emit` takes it (required fields required). */
export type EventPayloadMap = { [T in EventType]: EventPayload<T> };
