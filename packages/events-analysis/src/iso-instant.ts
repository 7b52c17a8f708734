import { daysInMonth, daysSinceEpoch } from "./civil-days.js";

/** The forms {@link isoInstantMs} reads, for messages that ask for one. */
export const ISO_INSTANT_FORMS =
  "an ISO 8601 date or time, UTC unless it has an offset (2025-12-01, 2025-12-01T10:15:30Z, 2025-12-01T12:15:30+02:00)";

/**
 * `2025-12-05`, `2025-12-05T10:15`, `2025-12-05 10:15:30.5`, each with an
 * optional `Z` or `±hh[:mm]` after the time; the year as 4 digits or as
 * ECMAScript's expanded `±YYYYYY`.
 */
const ISO_INSTANT =
  /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** The most milliseconds from the epoch a `Date` holds, either way. */
export const MAX_DATE_MS = 8_640_000_000_000_000;

/**
 * Strict: the milliseconds since the epoch of an ISO 8601 date or date-time,
 * UTC unless it has an offset (so a time means the same instant in every time
 * zone, as every time Phaser prints is UTC); `undefined` when the text is not
 * one, names a day or time that does not exist (30 February, 24:00), or lies
 * outside the instants a `Date` holds. Digits past milliseconds are dropped.
 *
 * Not `Date.parse`, which reads `1` as 2001-01-01, rolls 30 February over to
 * March and reads a time without an offset in the local time zone. The web
 * view's period and `GET /api/insights` both read `since` with this, so the
 * page and the server accept and refuse the same texts.
 */
export function isoInstantMs(text: string): number | undefined {
  const match = ISO_INSTANT.exec(text);
  if (match === null || match[1] === "-000000") return undefined; // ECMAScript has no year -0
  const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "", offset = "Z"] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const offsetMs = offsetMinutes(offset);
  if (offsetMs === undefined) return undefined;
  const millis = Number(fraction.padEnd(3, "0").slice(0, 3));
  const ms =
    daysSinceEpoch(year, month, day) * 86_400_000 +
    ((hour * 60 + minute) * 60 + second) * 1000 +
    millis -
    offsetMs * 60_000;
  return Math.abs(ms) <= MAX_DATE_MS ? ms : undefined;
}

/** `Z` → 0, `+02:00`/`+0200`/`+02` → 120, `-05:30` → -330; `undefined` past 23 hours or 59 minutes. */
function offsetMinutes(offset: string): number | undefined {
  if (offset === "Z" || offset === "z") return 0;
  const sign = offset.startsWith("-") ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || "0");
  return hours > 23 || minutes > 59 ? undefined : sign * (hours * 60 + minutes);
}
