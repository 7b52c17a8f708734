import { type EventType, EventValidationError, type JsonObject } from "@phaser/events-core";

/**
 * The payload fields the specification gives every event of a type (the
 * non-optional members of core's payload interfaces). Core accepts records
 * without them, as other tools may write such records; an event emitted from
 * the command line must have them.
 */
export const REQUIRED_PAYLOAD_FIELDS: Readonly<Record<EventType, readonly string[]>> = {
  audit_started: ["project", "slug", "phases_total"],
  audit_completed: [
    "duration_seconds",
    "phases_completed",
    "phases_skipped",
    "files_created",
    "files_modified",
    "files_deleted",
  ],
  audit_abandoned: ["reason", "phases_completed", "phases_remaining"],
  phase_started: ["description", "file"],
  phase_completed: ["duration_seconds", "files_created", "files_modified", "verification_count"],
  phase_failed: ["error", "attempts", "duration_seconds"],
  phase_skipped: ["reason"],
  verification_passed: ["command", "exit_code", "duration_ms"],
  verification_failed: ["command", "exit_code", "duration_ms", "output"],
  file_created: ["path", "size_bytes"],
  file_modified: ["path", "size_bytes", "lines_added", "lines_removed"],
  file_deleted: ["path"],
};

/** Throws an EventValidationError naming each required field of `type` that `data` lacks. */
export function assertRequiredFields(type: EventType, data: JsonObject): void {
  const missing = REQUIRED_PAYLOAD_FIELDS[type].filter((field) => data[field] === undefined);
  if (missing.length === 0) return;
  throw new EventValidationError(
    missing.map((field) => ({ field: `data.${field}`, message: `is required for ${type}` })),
    `Invalid ${type} event`,
  );
}
