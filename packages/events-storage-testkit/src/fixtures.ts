import { type EventRecord, type EventType, isPhaseLevelEventType } from "@phaser/events-core";

let sequence = 0;

/** A fixed base instant so fixtures are reproducible: 2025-12-05T10:00:00.000Z. */
export const BASE_TIME = Date.UTC(2025, 11, 5, 10, 0, 0, 0);

/** The ISO timestamp `offsetMs` after {@link BASE_TIME}. */
export function at(offsetMs: number): string {
  return new Date(BASE_TIME + offsetMs).toISOString();
}

/** A fresh lowercase UUID v4. */
export function uuid(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * A valid wire record, with overrides. `phase` follows the type (null for
 * audit-level types, 1 otherwise) unless given; the timestamp defaults to a new
 * millisecond after {@link BASE_TIME} for every call.
 */
export function makeRecord(
  overrides: Partial<EventRecord> & Record<string, unknown> = {},
): EventRecord {
  const type = (overrides.type ?? "phase_started") as EventType;
  const phase = isPhaseLevelEventType(type) ? 1 : null;
  return {
    id: uuid(),
    type,
    timestamp: at(sequence++),
    audit_id: "audit-a",
    phase,
    data: {},
    ...overrides,
  };
}
