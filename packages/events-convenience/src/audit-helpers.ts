import { type Event, type EventEmitter, type EventPayload, EventType } from "@phaser/events-core";
import type { PayloadInput } from "./payload-input.js";

/**
 * Emits `audit_started` (phase `null`): `project`, `slug` and `phases_total`
 * are required, `git_branch` and `git_commit` optional; extra fields are kept.
 * Resolves with the stored event; rejects as `emitter.emit` does.
 */
export function emitAuditStarted(
  emitter: EventEmitter,
  auditId: string,
  payload: PayloadInput<EventPayload<"audit_started">>,
): Promise<Event<"audit_started">> {
  return emitter.emit(EventType.AUDIT_STARTED, auditId, { phase: null, data: payload });
}

/**
 * Emits `audit_completed` (phase `null`) with `duration_seconds`,
 * `phases_completed`, `phases_skipped`, `files_created`, `files_modified` and
 * `files_deleted`; extra fields are kept. Rejects as `emitter.emit` does.
 */
export function emitAuditCompleted(
  emitter: EventEmitter,
  auditId: string,
  payload: PayloadInput<EventPayload<"audit_completed">>,
): Promise<Event<"audit_completed">> {
  return emitter.emit(EventType.AUDIT_COMPLETED, auditId, { phase: null, data: payload });
}

/**
 * Emits `audit_abandoned` (phase `null`) with `reason` (`user_request`,
 * `error` or `timeout`), `phases_completed` and `phases_remaining`; extra
 * fields are kept. Rejects as `emitter.emit` does.
 */
export function emitAuditAbandoned(
  emitter: EventEmitter,
  auditId: string,
  payload: PayloadInput<EventPayload<"audit_abandoned">>,
): Promise<Event<"audit_abandoned">> {
  return emitter.emit(EventType.AUDIT_ABANDONED, auditId, { phase: null, data: payload });
}
