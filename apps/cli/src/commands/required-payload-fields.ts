import {
  type EventType,
  EventValidationError,
  type JsonObject,
  PAYLOAD_FIELDS,
} from "@phaser/events-core";

/**
 * Checks, before the store is opened, that `data` has every field core's
 * payload table (`PAYLOAD_FIELDS`) requires of `type`, so a bad command line
 * is a usage error even when the store cannot be reached. `emit` checks the
 * same table again; this only answers sooner.
 */
export function assertRequiredFields(type: EventType, data: JsonObject): void {
  const missing = Object.entries(PAYLOAD_FIELDS[type])
    .filter(([name, rule]) => rule.required && data[name] === undefined)
    .map(([name]) => name);
  if (missing.length === 0) return;
  throw new EventValidationError(
    missing.map((field) => ({ field: `data.${field}`, message: `is required for ${type} events` })),
    `Invalid ${type} event`,
  );
}
