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
 * Strict: the instant a record's timestamp names, in microseconds since the
 * epoch, or `NaN` when it is not a UTC ISO 8601 date-time that exists (Feb 30
 * does not; an offset other than `Z`/`±00:00` is refused). Keys compare like
 * the instants; sub-microsecond digits are dropped. Records are keyed with it.
 */
export function strictTimestampKey(timestamp: string): number {
  // Consecutive records often share a timestamp: remember the last answer.
  if (timestamp === lastTimestamp) return lastKey;
  const key = computeKey(timestamp);
  lastTimestamp = timestamp;
  lastKey = key;
  return key;
}

let lastTimestamp = "";
let lastKey = Number.NaN;

function computeKey(timestamp: string): number {
  if (timestamp.length === 24) {
    const key = canonicalKey(timestamp);
    if (key !== undefined) return key;
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

/**
 * Lenient: the key of a `Date` or of an ISO 8601 string with any offset (or
 * anything `Date.parse` reads), or `NaN`. Query bounds are keyed with it.
 */
export function lenientTimestampKey(value: Date | string): number {
  if (value instanceof Date) return value.getTime() * 1000;
  const exact = strictTimestampKey(value);
  return Number.isNaN(exact) ? Date.parse(value) * 1000 : exact;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Where a canonical timestamp has a separator rather than a digit, and which. */
const SEPARATORS = "    -  -  T  :  :  .   Z";
const SEPARATOR_AT = [4, 7, 10, 13, 16, 19, 23];

/** Reads `d` digits of `s` at `at`; -1 when one of them is not a digit. */
function digits(s: string, at: number, d: number): number {
  let n = 0;
  for (let i = at; i < at + d; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * The key of a 24-character canonical `YYYY-MM-DDTHH:mm:ss.sssZ` timestamp,
 * read digit by digit with calendar arithmetic (no regex, no Date): the hot
 * path of every store load and query. `NaN` for dates that do not exist
 * (Feb 30, 24:00); `undefined` when `s` is not in the canonical shape.
 */
function canonicalKey(s: string): number | undefined {
  for (const at of SEPARATOR_AT) {
    if (s.charCodeAt(at) !== SEPARATORS.charCodeAt(at)) return undefined;
  }
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  const millis = digits(s, 20, 3);
  if ((year | month | day | hour | minute | second | millis) < 0) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (month < 1 || day < 1 || day > monthDays || hour > 23 || minute > 59 || second > 59) {
    return Number.NaN;
  }
  const seconds = daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
  return (seconds * 1000 + millis) * 1000;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
