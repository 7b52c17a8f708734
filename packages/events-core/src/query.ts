import { InvalidQueryError } from "./errors/invalid-query-error.js";
import type { EventRecord } from "./record.js";
import type { ClearOptions, EventQuery } from "./storage.js";

/** An {@link EventQuery} checked and reduced to comparable values. */
export interface NormalizedQuery {
  readonly auditId: string | undefined;
  readonly eventType: string | undefined;
  /** Canonical ISO timestamp (inclusive lower bound). */
  readonly since: string | undefined;
  /** Canonical ISO timestamp (exclusive upper bound). */
  readonly until: string | undefined;
  readonly limit: number | undefined;
}

/**
 * Checks a query and turns its dates into canonical ISO strings, which compare
 * like the instants they name. Throws {@link InvalidQueryError} naming the field.
 */
export function normalizeQuery(query: EventQuery = {}): NormalizedQuery {
  if (typeof query !== "object" || query === null) {
    throw new InvalidQueryError("(root)", "a query must be an object");
  }
  const { auditId, eventType, limit } = query;
  if (auditId !== undefined && (typeof auditId !== "string" || auditId === "")) {
    throw new InvalidQueryError("auditId", "must be a non-empty string");
  }
  if (eventType !== undefined && (typeof eventType !== "string" || eventType === "")) {
    throw new InvalidQueryError("eventType", "must be a non-empty string");
  }
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) {
    throw new InvalidQueryError(
      "limit",
      `must be a whole number, 0 or more (got ${String(limit)})`,
    );
  }
  return {
    auditId,
    eventType,
    since: toInstant(query.since, "since"),
    until: toInstant(query.until, "until"),
    limit,
  };
}

/** Normalizes `clearEvents` options: the canonical `before` instant, or undefined for "all". */
export function normalizeClearOptions(options: ClearOptions = {}): string | undefined {
  return toInstant(options.before, "before");
}

/** A `Date` or ISO 8601 string as a canonical `YYYY-MM-DDTHH:mm:ss.sssZ` string. */
export function toInstant(value: Date | string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : typeof value === "string" ? new Date(value) : null;
  if (date === null || Number.isNaN(date.getTime())) {
    throw new InvalidQueryError(
      field,
      `must be a valid Date or ISO 8601 string (got ${String(value)})`,
    );
  }
  return date.toISOString();
}

/** True when a record passes every filter of the query except `limit`. */
export function matchesQuery(record: EventRecord, query: NormalizedQuery): boolean {
  return (
    (query.auditId === undefined || record.audit_id === query.auditId) &&
    (query.eventType === undefined || record.type === query.eventType) &&
    (query.since === undefined || record.timestamp >= query.since) &&
    (query.until === undefined || record.timestamp < query.until)
  );
}

/** Sorts records by timestamp, keeping the given order for equal timestamps (stable). */
export function sortRecords<T extends EventRecord>(records: T[]): T[] {
  return records.sort(compareTimestamps);
}

function compareTimestamps(a: EventRecord, b: EventRecord): number {
  return a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0;
}
