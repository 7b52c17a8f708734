import { InvalidArgumentError } from "commander";

const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * How a time option is read, for its `--help` text: printed times are UTC,
 * so a time without an offset is UTC too, and one pasted from `list` means
 * what it showed.
 */
export const TIME_FORMS =
  "ISO 8601 date or time, UTC unless it has an offset (2025-12-05, 2025-12-05T10:15:30, 2025-12-05T12:15:30+02:00), or a time ago (30m, 2h, 7d)";

/** `2025-12-05`, `2025-12-05T10:15`, `2025-12-05 10:15:30.5`, each with an optional `Z` or `±hh[:mm]` after the time. */
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Parses `--since`/`--until`/`--before`: an ISO 8601 date or date-time, or a
 * time ago such as `90s`, `30m`, `2h`, `7d` or `2w`; returned in canonical UTC
 * form. A date or time without an offset is UTC (not the local time zone):
 * every time the CLI prints is UTC, and one copied from its output must name
 * the same instant.
 */
export function parseInstant(value: string, now: () => number = Date.now): string {
  const ago = /^(\d+)([smhdw])$/.exec(value);
  if (ago !== null) {
    const [, amount, unit] = ago as unknown as [string, string, string];
    return new Date(now() - Number(amount) * (UNIT_MS[unit] as number)).toISOString();
  }
  const ms = isoInstantMs(value);
  if (ms === undefined) {
    throw new InvalidArgumentError(
      "expected an ISO 8601 date or time, UTC unless it has an offset (2025-12-05, 2025-12-05T10:15:30, 2025-12-05T10:15:30+02:00), or a time ago (30m, 2h, 7d, 2w).",
    );
  }
  return new Date(ms).toISOString();
}

/** Milliseconds since the epoch of an ISO 8601 date or date-time; `undefined` when it is not one or names no real time. */
function isoInstantMs(value: string): number | undefined {
  const match = ISO_INSTANT.exec(value);
  if (match === null) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "", offset = "Z"] = match;
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  const utc = new Date(Date.UTC(...fields, Number(fraction.padEnd(3, "0").slice(0, 3))));
  utc.setUTCFullYear(fields[0]); // Date.UTC reads years 0–99 as 1900–1999
  const actual = [
    utc.getUTCFullYear(),
    utc.getUTCMonth(),
    utc.getUTCDate(),
    utc.getUTCHours(),
    utc.getUTCMinutes(),
    utc.getUTCSeconds(),
  ];
  // Date.UTC rolls 2025-02-30 over to March 2: a date or time that does not exist is refused.
  if (actual.some((field, i) => field !== fields[i])) return undefined;
  const minutes = offsetMinutes(offset);
  return minutes === undefined ? undefined : utc.getTime() - minutes * 60_000;
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

/** Parses `--limit`: a whole number, 0 or more. */
export function parseLimit(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("expected a whole number, 0 or more.");
  return Number(value);
}

/** Parses a count of seconds (`--timeout`): a positive number. */
export function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || seconds <= 0) {
    throw new InvalidArgumentError("expected a number of seconds greater than 0.");
  }
  return seconds;
}

/**
 * What a server token may hold (`TOKEN_PATTERN` of `@phaser/events-web`, which `serve` loads only
 * once it runs; a test ties the two): it travels in a URL, a cookie and a header as is.
 */
const TOKEN = /^[A-Za-z0-9._~-]+$/;

/** Parses `--token`: letters, digits and `. _ ~ -`, at least one. */
export function parseToken(value: string): string {
  if (!TOKEN.test(value)) {
    throw new InvalidArgumentError(
      "expected letters, digits and . _ ~ - only (the token travels in a URL, a cookie and a header).",
    );
  }
  return value;
}

/** Parses `--port`: 0 (a free port) to 65535. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new InvalidArgumentError("expected a port number from 0 to 65535 (0: a free port).");
  }
  return port;
}
