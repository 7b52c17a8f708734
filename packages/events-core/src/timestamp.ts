/**
 * Timestamps. Emitters write the canonical form `2025-12-05T10:15:30.123Z`.
 * Records from other Phaser tools may say the same instant differently (the
 * Python implementation writes `2025-12-05T10:15:30.123456+00:00`), so records
 * are compared by instant, never as strings, and their text is kept as found.
 */

/** The canonical form this package writes: UTC, milliseconds, `Z`. */
export const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** What records may carry: a UTC ISO 8601 date-time, `Z` or `±00:00`, any fraction of a second. */
export const UTC_TIMESTAMP_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|[+-]00:00)$/;

/**
 * The instant a record timestamp names, in microseconds since the epoch, or
 * `NaN` when it is not a UTC ISO 8601 date-time that exists (Feb 30 does not).
 * Keys compare like the instants; sub-microsecond digits are dropped.
 */
export function timestampKey(timestamp: string): number {
  if (TIMESTAMP_PATTERN.test(timestamp)) {
    const ms = Date.parse(timestamp);
    // Date.parse rolls Feb 30 over to Mar 2: the round trip catches it.
    if (Number.isNaN(ms) || new Date(ms).toISOString() !== timestamp) return Number.NaN;
    return ms * 1000;
  }
  const m = UTC_TIMESTAMP_PATTERN.exec(timestamp);
  if (m === null) return Number.NaN;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // Not Date.UTC: it reads years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const ms = date.getTime();
  const exists =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  if (!exists) return Number.NaN;
  const micros = Number((m[7] ?? "").padEnd(6, "0").slice(0, 6));
  return ms * 1000 + micros;
}

/** The key of a `Date` or of an ISO 8601 string with any offset, or `NaN`. */
export function instantKey(value: Date | string): number {
  if (value instanceof Date) return value.getTime() * 1000;
  const exact = timestampKey(value);
  return Number.isNaN(exact) ? Date.parse(value) * 1000 : exact;
}
