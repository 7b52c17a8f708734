import { InvalidArgumentError } from "commander";

const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Parses `--since`/`--until`/`--before`: an ISO 8601 date or date-time, or a
 * time ago such as `90s`, `30m`, `2h`, `7d` or `2w`; returned in canonical UTC form.
 */
export function parseInstant(value: string, now: () => number = Date.now): string {
  const ago = /^(\d+)([smhdw])$/.exec(value);
  if (ago !== null) {
    const [, amount, unit] = ago as unknown as [string, string, string];
    return new Date(now() - Number(amount) * (UNIT_MS[unit] as number)).toISOString();
  }
  const ms = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new InvalidArgumentError(
      "expected an ISO 8601 date (2025-12-05, 2025-12-05T10:15:30Z) or a time ago (30m, 2h, 7d, 2w).",
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
