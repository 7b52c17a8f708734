import { InvalidQueryError } from "./errors/invalid-query-error.js";
import type { EventRecord } from "./record.js";
import type { ClearOptions, EventQuery } from "./storage.js";
import { lenientTimestampKey, strictTimestampKey } from "./timestamp.js";

/** An {@link EventQuery} checked and reduced to comparable values. */
export interface NormalizedQuery {
  readonly auditId: string | undefined;
  readonly eventType: string | undefined;
  /** Inclusive lower bound, as a {@link lenientTimestampKey} (microseconds since the epoch). */
  readonly since: number | undefined;
  /** Exclusive upper bound, as a {@link lenientTimestampKey}. */
  readonly until: number | undefined;
  /** `true` for `order: "desc"`: latest first. */
  readonly descending: boolean;
  readonly limit: number | undefined;
}

/**
 * Checks a query and turns its dates into instant keys, which compare like the
 * instants they name. Throws {@link InvalidQueryError} naming the field.
 */
export function normalizeQuery(query: EventQuery = {}): NormalizedQuery {
  if (typeof query !== "object" || query === null) {
    throw new InvalidQueryError("(root)", "a query must be an object");
  }
  const { auditId, eventType, limit, order } = query;
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
  if (order !== undefined && order !== "asc" && order !== "desc") {
    throw new InvalidQueryError("order", `must be "asc" or "desc" (got ${String(order)})`);
  }
  return {
    auditId,
    eventType,
    since: toInstant(query.since, "since"),
    until: toInstant(query.until, "until"),
    descending: order === "desc",
    limit,
  };
}

/** Normalizes `clearEvents` options: the `before` instant key, or undefined for "all". */
export function normalizeClearOptions(options: ClearOptions = {}): number | undefined {
  return toInstant(options.before, "before");
}

/** A `Date` or ISO 8601 string as an instant key (see {@link lenientTimestampKey}). */
function toInstant(value: Date | string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const key =
    value instanceof Date || typeof value === "string" ? lenientTimestampKey(value) : Number.NaN;
  if (Number.isNaN(key)) {
    throw new InvalidQueryError(
      field,
      `must be a valid Date or ISO 8601 string (got ${String(value)})`,
    );
  }
  return key;
}

/** True when a record passes every filter of the query except `limit`. */
export function matchesQuery(record: EventRecord, query: NormalizedQuery): boolean {
  return (
    (query.auditId === undefined || record.audit_id === query.auditId) &&
    (query.eventType === undefined || record.type === query.eventType) &&
    (query.since === undefined || strictTimestampKey(record.timestamp) >= query.since) &&
    (query.until === undefined || strictTimestampKey(record.timestamp) < query.until)
  );
}

/** Sorts records by instant, keeping the given order for equal instants (stable). */
export function sortRecords<T extends EventRecord>(records: T[]): T[] {
  // Stores hand records back in order: check that first, in one pass without allocating.
  let previous = Number.NEGATIVE_INFINITY;
  let sorted = true;
  for (const record of records) {
    const key = strictTimestampKey(record.timestamp);
    if (!(key >= previous)) {
      sorted = false;
      break;
    }
    previous = key;
  }
  if (sorted) return records;
  const keyed = records.map((record) => ({ key: strictTimestampKey(record.timestamp), record }));
  keyed.sort((a, b) => a.key - b.key);
  for (let i = 0; i < keyed.length; i++) records[i] = (keyed[i] as { record: T }).record;
  return records;
}
