import { isoInstantMs } from "@phaser/events-analysis";
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

/**
 * Parses `--since`/`--until`/`--before`: an ISO 8601 date or date-time, or a
 * time ago such as `90s`, `30m`, `2h`, `7d` or `2w`; returned in canonical UTC
 * form. A date or time without an offset is UTC (not the local time zone):
 * every time the CLI prints is UTC, and one copied from its output must name
 * the same instant. The rule is `isoInstantMs`, which the web view and its
 * `/api/insights` read `since` by too.
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
