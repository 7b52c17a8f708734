/**
 * The twelve event types of the Phaser v1.2 event specification, as a const
 * object (`EventType.PHASE_COMPLETED === "phase_completed"`) and a union type
 * of the same name.
 */
export const EventType = {
  AUDIT_STARTED: "audit_started",
  AUDIT_COMPLETED: "audit_completed",
  AUDIT_ABANDONED: "audit_abandoned",
  PHASE_STARTED: "phase_started",
  PHASE_COMPLETED: "phase_completed",
  PHASE_FAILED: "phase_failed",
  PHASE_SKIPPED: "phase_skipped",
  VERIFICATION_PASSED: "verification_passed",
  VERIFICATION_FAILED: "verification_failed",
  FILE_CREATED: "file_created",
  FILE_MODIFIED: "file_modified",
  FILE_DELETED: "file_deleted",
} as const;

/** One of the twelve event type values, e.g. `"phase_completed"`. */
export type EventType = (typeof EventType)[keyof typeof EventType];

/** The twelve event type values, in the order the specification lists them. */
export const EVENT_TYPES: readonly EventType[] = Object.freeze(Object.values(EventType));

/** Audit-level types: their `phase` is always `null`. */
export const AUDIT_LEVEL_EVENT_TYPES: readonly EventType[] = Object.freeze([
  EventType.AUDIT_STARTED,
  EventType.AUDIT_COMPLETED,
  EventType.AUDIT_ABANDONED,
]);

const known: ReadonlySet<string> = new Set(EVENT_TYPES);
const auditLevel: ReadonlySet<string> = new Set(AUDIT_LEVEL_EVENT_TYPES);

/** True when `value` is one of the twelve known event types. */
export function isEventType(value: unknown): value is EventType {
  return typeof value === "string" && known.has(value);
}

/** True for `phase_*`, `verification_*` and `file_*` types, which require a phase number. */
export function isPhaseLevelEventType(type: EventType): boolean {
  return !auditLevel.has(type);
}
